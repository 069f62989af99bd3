import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import { AmbiguousRunError, HttpError, ResponseShapeError } from '../../src/core/errors.js';
import { LogPrinter } from '../../src/core/log-printer.js';
import type { CallContext } from '../../src/core/provider.js';
import { createApiClient, type ClosableApiClient } from '../../src/http/http-client.js';
import { TestingStudioPlatform } from '../../src/providers/testing-studio/provider.js';
import { FAILING_SCENARIO, GIT_PROJECT_ID, PASSING_SCENARIO, GIT_PROJECT_SECRET, S3_PROJECT_ID, startEmulator, type Emulator } from '../emulator/testing-studio-emulator.js';

let emulator: Emulator;
let client: ClosableApiClient;
/** Shared by the client and Create Run's retries: waits are recorded and cost nothing. Whole seconds, so HTTP dates are exact. */
let clock: FakeClock;
const secrets: string[] = [];
/** Warning-level lines the platform wrote. */
const warnings: string[] = [];
const ctx = (): CallContext => ({ signal: new AbortController().signal, deadline: clock.now() + 10_000 });

beforeEach(async () => {
  emulator = await startEmulator();
  clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000);
  client = createApiClient({ baseUrl: new URL(emulator.url), token: emulator.token, userAgent: 'test', clock, random: () => 0.5 });
  secrets.length = 0;
  warnings.length = 0;
});
afterEach(async () => {
  await client.close();
  await emulator.close();
});

function platform(projectId = GIT_PROJECT_ID): TestingStudioPlatform {
  return new TestingStudioPlatform({
    client,
    projectId,
    onSecret: (s) => secrets.push(s),
    log: () => undefined,
    warning: (line) => warnings.push(line),
    createRunTiming: { clock, random: () => 0.5 },
  });
}

const createRunPosts = (): number => emulator.countRequests('POST', '/api/runs/');

describe('TestingStudioPlatform against the emulator', () => {
  it('hands the project git token to onSecret before anything can print it', async () => {
    const target = await platform().prepare({ uploading: false }, ctx());
    expect(target.displayName).toBeTruthy();
    expect(secrets).toContain(GIT_PROJECT_SECRET);
  });

  it('refuses an upload to a git project whose answer has no storage flags, or both false, by its git settings', async () => {
    for (const storageFlags of ['omitted', 'both-false'] as const) {
      emulator.setProjectOptions(GIT_PROJECT_ID, { storageFlags });
      await expect(platform().prepare({ uploading: true }, ctx())).rejects.toThrow(/uses git storage, so suites cannot be uploaded/);
    }
    // An S3 project without flags has no git settings: uploading to it goes ahead.
    emulator.setProjectOptions(S3_PROJECT_ID, { storageFlags: 'omitted' });
    await expect(platform(S3_PROJECT_ID).prepare({ uploading: true }, ctx())).resolves.toMatchObject({ warnings: [] });
  });

  it('reads counts, failing assertions and suites of a finished run', async () => {
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0 });
    const p = platform();
    const run = await p.startRun({}, ctx());
    const finished = await p.getRun(run.id, ctx());
    expect(finished.state).toBe('failed');
    const results = await p.getResults(run.id, ctx());
    expect(results.counts.failed).toBeGreaterThan(0);
    expect(results.counts.total).toBe(FAILING_SCENARIO.cases?.length);
    expect(results.cases.find((c) => c.status === 'failed')?.failures.length).toBeGreaterThan(0);
    expect(results.suites.length).toBeGreaterThan(0);
  });

  it('never counts fewer failed or unavailable cases than the run lists, when its stats say zero, and says so', async () => {
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0 });
    const p = platform();
    const run = await p.startRun({}, ctx());
    emulator.faults.inject({ method: 'GET', path: /\/run_stats\/?$/, fault: { status: 200, body: { data: { runId: run.id, pass: 3, fail: 0, unavailable: 0 } } } });
    const results = await p.getResults(run.id, ctx());
    const listedFailed = results.cases.filter((c) => c.status === 'failed').length;
    const listedUnavailable = results.cases.filter((c) => c.status === 'unavailable').length;
    expect(listedFailed).toBeGreaterThan(0);
    expect(listedUnavailable).toBeGreaterThan(0);
    expect(results.counts).toMatchObject({ passed: 3, failed: listedFailed, unavailable: listedUnavailable });
    expect(results.warnings).toEqual([expect.stringContaining(`stats count 0 failed and 0 unavailable, but its test cases list ${listedFailed} failed`)]);
  });

  it('takes the counts from the cases, with a warning, when the stats answer cannot be read (two stats objects for one run)', async () => {
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0 });
    const p = platform();
    const run = await p.startRun({}, ctx());
    const stats = { runId: run.id, pass: 9, fail: 0, unavailable: 0 };
    emulator.faults.inject({ method: 'GET', path: /\/run_stats\/?$/, fault: { status: 200, body: { data: [stats, { ...stats, fail: 9 }] } } });
    const results = await p.getResults(run.id, ctx());
    const listed = (status: string): number => results.cases.filter((c) => c.status === status).length;
    expect(results.counts).toMatchObject({ passed: listed('passed'), failed: listed('failed'), unavailable: listed('unavailable') });
    expect(results.warnings).toEqual([expect.stringMatching(/^The run's stats could not be read, so its counts come from its test cases: Unexpected response from .*run_stats/)]);
  });

  it('takes the counts from the stats when they agree with the cases, without a warning', async () => {
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0 });
    const p = platform();
    const run = await p.startRun({}, ctx());
    const results = await p.getResults(run.id, ctx());
    expect(results.counts.failed).toBe(results.cases.filter((c) => c.status === 'failed').length);
    expect(results.warnings).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('reads the results of a 20,000-case run whose failed assertions quote prompts of a few KB, over 32 MiB of JSON', async () => {
    // A large suite on a bad day: every case fails on a long prompt, so the test-cases answer outgrows a small guard.
    const prompt = (i: number): string => `Prompt ${i}: ${'Please say or enter your account number. '.repeat(40)}`;
    const cases = Array.from({ length: 20_000 }, (_, i) => ({
      name: `case_${i}`,
      status: 'fail' as const,
      assertionErrors: [{ step: 1, assertion: 'prompt', expected: prompt(i), found: prompt(i + 1) }],
    }));
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0, cases });
    const p = platform();
    const run = await p.startRun({}, ctx());
    const results = await p.getResults(run.id, ctx());
    expect(results.cases).toHaveLength(20_000);
    expect(results.counts).toMatchObject({ failed: 20_000, total: 20_000 });
    expect(results.cases[19_999]?.failures[0]?.found).toBe(prompt(20_000));
  });

  it('treats a 404 from the logs endpoint as no log yet', async () => {
    const p = platform();
    const run = await p.startRun({}, ctx());
    emulator.faults.inject({ method: 'GET', path: /\/logs\/?$/, fault: { status: 404, body: { detail: 'Not found' } } });
    await expect(p.getLogs(run.id, ctx())).resolves.toEqual([]);
  });

  it('revokes a running run', async () => {
    emulator.script({ ...FAILING_SCENARIO, neverFinishes: true });
    const p = platform();
    const run = await p.startRun({}, ctx());
    await p.cancelRun(run.id, ctx());
    expect(emulator.runs.get(run.id)?.revoked).toBe(true);
    expect((await p.getRun(run.id, ctx())).vendorStatus).toBe('REVOKED');
  });
});

describe('Create Run against the emulator', () => {
  it('waits the seconds a 429 asks for and creates exactly one run', async () => {
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', times: 2, fault: { status: 429, retryAfter: '1' } });
    const run = await platform().startRun({}, ctx());
    expect(createRunPosts()).toBe(3);
    expect([...emulator.runs.keys()]).toEqual([run.id]);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  it('waits until the HTTP date a 429 names', async () => {
    const retryAt = new Date(clock.now() + 4_000).toUTCString();
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { status: 429, retryAfter: retryAt } });
    const run = await platform().startRun({}, ctx());
    expect(emulator.runs.size).toBe(1);
    expect(emulator.runs.has(run.id)).toBe(true);
    expect(clock.sleeps).toEqual([4_000]);
  });

  it('adopts the run a 200 with an unreadable body created, without a second POST', async () => {
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 200, body: { data: [{ id: 'x' }] } } });
    const run = await platform().startRun({ group: 'smoke' }, ctx());
    expect(createRunPosts()).toBe(1);
    expect([...emulator.runs.keys()]).toEqual([run.id]);
  });

  it('never posts again after a 200 with an unreadable body, even when the run cannot be identified', async () => {
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 200, body: { data: [{ id: 'x' }] } } });
    // The listing after the odd answer hides the run, as a lagging server might.
    emulator.faults.inject({ method: 'GET', path: /\/runs\/?$/, fault: { status: 200, body: { data: [] } } });
    emulator.faults.inject({ method: 'GET', path: /\/runs\/?$/, fault: { status: 200, body: { data: [] } } });
    const error = await platform().startRun({}, ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/a run was probably created and could not be identified/);
    expect((error as Error).message).toContain('data.0.runId: expected string, received undefined');
    expect(createRunPosts()).toBe(1);
    expect(emulator.runs.size).toBe(1);
  });

  it('fails at once on a validation error answered as the reference shows one (400, a string detail), quoting it, and posts once', async () => {
    const detail = 'Request contains an error. Field: __root__, Error: In case of git storage option, git_url and git_provider are required.';
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { status: 400, body: { detail } } });
    const error = await platform().startRun({}, ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as Error).message).toContain(detail);
    expect(createRunPosts()).toBe(1);
    expect(emulator.runs.size).toBe(0);
  });

  it("starts a run on a project whose history is larger than one API answer's usual limit and holds a run of an odd shape", async () => {
    // Get Project Runs answers the whole history, read before every Create Run: ~36 MB here, over the 32 MiB an answer
    // may otherwise hold, with one old run whose status is null. Neither may stop the step from starting a run.
    const history = Array.from({ length: 9_000 }, (_, i) => ({
      runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      status: i === 3 ? null : 'SUCCESS',
      createdAt: i === 4 ? 1_700_000_000 : '2023-04-11T15:22:50.193226',
      group: null,
      utterance: null,
      description: `nightly ${i} `.padEnd(4_000, '.'),
    }));
    emulator.faults.inject({ method: 'GET', path: /\/runs\/?$/, fault: { status: 200, body: { data: history, meta: { count: history.length } } } });
    // An ambiguous failure, so the run is also adopted from a listing, which is read the same lenient way.
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 503 } });
    const run = await platform().startRun({}, ctx());
    expect([...emulator.runs.keys()]).toEqual([run.id]);
    expect(run.state).toBe('queued');
    expect(createRunPosts()).toBe(1);
  }, 30_000);

  it('lets a Create Run already sent finish when the step starts stopping, so the run can be revoked', async () => {
    emulator.script({ ...FAILING_SCENARIO, neverFinishes: true });
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { delayAfterHandlingMs: 300 } });
    const stop = new AbortController();
    const started = platform().startRun({}, { ...ctx(), stopping: stop.signal });
    // Stops once the POST has reached the server, while its answer is held back.
    await postReceived(1);
    stop.abort(new Error('stopping'));
    const run = await started;
    expect([...emulator.runs.keys()]).toEqual([run.id]);
    expect(emulator.countRequests('POST', '/api/runs/')).toBe(1);
  });

  it('sends no Create Run once the step is stopping, and throws the stop reason as it is', async () => {
    const reason = new Error('stopping');
    const error = await platform().startRun({}, { ...ctx(), stopping: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(emulator.countRequests('POST', '/api/runs/')).toBe(0);
  });

  it('still adopts what an ambiguous Create Run created while stopping', async () => {
    emulator.script({ ...FAILING_SCENARIO, neverFinishes: true });
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 503, delayAfterHandlingMs: 300 } });
    const stop = new AbortController();
    const started = platform().startRun({}, { ...ctx(), stopping: stop.signal });
    await postReceived(1);
    stop.abort(new Error('stopping'));
    const run = await started;
    expect([...emulator.runs.keys()]).toEqual([run.id]);
    expect(emulator.countRequests('POST', '/api/runs/')).toBe(1);
  });

  it('does not try Create Run again while stopping when the ambiguous one created nothing', async () => {
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { status: 503, delayMs: 300 } });
    const reason = new Error('stopping');
    const stop = new AbortController();
    const started = platform().startRun({}, { ...ctx(), stopping: stop.signal });
    await postReceived(1);
    stop.abort(reason);
    await expect(started).rejects.toBe(reason);
    expect(emulator.countRequests('POST', '/api/runs/')).toBe(1);
    expect(emulator.runs.size).toBe(0);
  });
});

describe('Create Run against a gateway that answers 504 at once and hands the request on late', () => {
  beforeEach(async () => {
    // This emulator reads the test's clock, so "the run appears 1.5 s later" happens as Create Run's waits advance
    // it: the same exchange as with real time, over real HTTP, without really waiting.
    await client.close();
    await emulator.close();
    emulator = await startEmulator({ now: () => clock.now() });
    client = createApiClient({ baseUrl: new URL(emulator.url), token: emulator.token, userAgent: 'test', clock, random: () => 0.5 });
  });

  it('keeps listing until the late run appears and adopts it, so only one Create Run reaches the server', async () => {
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusBeforeHandling: 504, handleAfterMs: 1_500 } });
    const run = await platform().startRun({ group: 'smoke' }, ctx());
    expect(createRunPosts()).toBe(1);
    expect([...emulator.runs.keys()]).toEqual([run.id]);
    expect(emulator.runs.get(run.id)?.filters).toMatchObject({ group: 'smoke' });
    // Listed at once, after 1 s (not there yet) and after 2 s more, when it is.
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(warnings).toEqual([]);
  });
});

/** Resolves once the emulator has received `count` Create Run requests (polls for at most 5 s). */
async function postReceived(count: number): Promise<void> {
  for (let i = 0; i < 500 && emulator.countRequests('POST', '/api/runs/') < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(emulator.countRequests('POST', '/api/runs/')).toBe(count);
}

describe('Testing Studio answers of the wrong shape', () => {
  it('name the field that was wrong, with its path inside data', async () => {
    const run = await platform().startRun({}, ctx());
    emulator.faults.inject({ method: 'GET', path: `/api/runs/${run.id}/`, fault: { status: 200, body: { data: { status: 'STARTED' } } } });
    const error = await platform().getRun(run.id, ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).problems).toBe('data.runId: expected string, received undefined');
  });

  it('refuses test cases answered without the data envelope instead of reporting the run as having none', async () => {
    const run = await platform().startRun({}, ctx());
    const cases = [{ testCaseName: 'book_flight', status: 'fail' }];
    emulator.faults.inject({ method: 'GET', path: `/api/runs/${run.id}/test_cases/`, fault: { status: 200, body: { results: cases, count: 1 } } });
    const error = await platform().getResults(run.id, ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).problems).toBe(
      'data: expected a body with a data field, received an object with fields "results", "count"',
    );
  });
});

describe('Run logs whose sections say the run\'s completed status ("Models › Run Log")', () => {
  let now = Date.UTC(2024, 0, 1, 12, 0, 0);
  let manual: Emulator;
  let manualClient: ClosableApiClient;
  beforeEach(async () => {
    manual = await startEmulator({ now: () => now });
    manualClient = createApiClient({ baseUrl: new URL(manual.url), token: manual.token, userAgent: 'test', clock });
  });
  afterEach(async () => {
    await manualClient.close();
    await manual.close();
  });

  it('prints the steps that are over while the run goes on, not all of the log at its end', async () => {
    manual.script({ ...PASSING_SCENARIO, durationMs: 10_000, logCompleted: 'run' });
    const p = new TestingStudioPlatform({ client: manualClient, projectId: GIT_PROJECT_ID, onSecret: () => undefined, log: () => undefined, warning: () => undefined });
    const run = await p.startRun({}, ctx());
    now += 6_000;
    const printed: string[] = [];
    const printer = new LogPrinter({
      info: () => undefined,
      warning: () => undefined,
      error: () => undefined,
      debug: () => undefined,
      group: (_title, fn) => fn(),
      untrustedSection: (title) => printed.push(title),
    });
    printer.print((await p.getLogs(run.id, ctx())) ?? [], false);
    expect((await p.getRun(run.id, ctx())).state).toBe('running');
    expect(printed).toEqual(['Clone Repository', 'Load Configuration', 'Load Test Suites']);
  });
});
