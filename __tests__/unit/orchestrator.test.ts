import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import { AmbiguousRunError, ConfigurationError, HttpError, NetworkError, ResponseShapeError, ResultsUnavailableError, RunCancelledError, RunLostError, RunTimeoutError } from '../../src/core/errors.js';
import type { ZodType } from 'zod';
import type { RunFilters, RunSnapshot } from '../../src/core/model.js';
import type { CallContext, StartJournal } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import { createRunOnce } from '../../src/providers/testing-studio/run-creator.js';
import { runTests, type OrchestratorDeps } from '../../src/core/orchestrator.js';
import { Redactor } from '../../src/core/redactor.js';
import { redactingHost } from '../../src/core/safe-host.js';
import type { Settings } from '../../src/core/settings.js';
import { writeZipFile } from '../emulator/make-zip.js';
import { RecordingHost, ScriptedPlatform } from '../helpers/fakes.js';
import { testDeps, testSettings } from '../helpers/orchestrator-deps.js';

let workspace: string;
let host: RecordingHost;
let platform: ScriptedPlatform;
let clock: FakeClock;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'orchestrator-'));
  host = new RecordingHost();
  platform = new ScriptedPlatform();
  clock = new FakeClock(1_700_000_000_000);
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function settings(overrides: Record<string, string> = {}): Settings {
  return testSettings(workspace, overrides);
}

function deps(s: Settings, signal = new AbortController().signal): OrchestratorDeps {
  return testDeps({ workspace, host, platform, clock, settings: s, signal });
}

describe('runTests', () => {
  it('runs, waits, reports and passes a successful run', async () => {
    platform.states = ['running', 'running', 'passed'];
    const outcome = await runTests(deps(settings({ group: 'smoke' })));
    expect(outcome.verdict).toBe('passed');
    expect(platform.calls.filter((c) => c.startsWith('start'))).toEqual(['start {"group":"smoke"}']);
    expect(platform.pollCount).toBe(3);
    expect(host.outputs).toMatchObject({ 'run-id': 'run-1', status: 'SUCCESS', passed: '2', failed: '0', total: '2' });
    expect(host.remembered).toEqual(['run-1', undefined]);
    expect(host.summaries).toHaveLength(1);
    expect(host.comments).toHaveLength(1);
    expect(host.comments[0]?.body).toContain(host.comments[0]?.marker);
    const junit = await readFile(path.join(workspace, 'testing-studio-results', 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites');
  });

  it('fails the outcome when cases failed, with the reason', async () => {
    platform.states = ['failed'];
    platform.results = { counts: { passed: 1, failed: 1, unavailable: 0, total: 2 }, cases: [], suites: [] };
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('failed');
    expect(outcome.message).toContain('1 of 2 test cases failed');
    expect(host.outputs.status).toBe('FAILURE');
  });

  it('times out with a distinct error, revokes the run and still writes the summary', async () => {
    platform.states = ['running'];
    const error = await runTests(deps(settings({ timeout: '60s' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect((error as Error).message).toMatch(/^Timed out after 60s waiting for run run-1 to finish; the run was revoked/);
    expect(platform.calls).toContain('cancel run-1');
    expect(host.outputs.status).toBe('TIMED_OUT');
    expect(host.summaries[0]).toMatch(/timed out/i);
    expect(clock.now() - 1_700_000_000_000).toBeLessThanOrEqual(60_000);
    // The JUnit that says so reaches the workflow artifact, as on a run that ended.
    expect(host.uploads).toEqual([{ name: 'testing-studio-results-run-1', dir: path.join(workspace, 'testing-studio-results') }]);
  });

  it('keeps the verdict of a run that ended after the last status check and before the deadline, and does not revoke it', async () => {
    // Checks at 25 s and 50 s see it running; it ends before the 60 s deadline, which falls inside the next interval.
    platform.states = ['running', 'running', 'passed'];
    const outcome = await runTests(deps(settings({ timeout: '60s', 'poll-interval': '25' })));
    expect(outcome.verdict).toBe('passed');
    expect(host.outputs).toMatchObject({ status: 'SUCCESS', passed: '2', total: '2' });
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(host.remembered.at(-1)).toBeUndefined();
    expect(clock.now() - 1_700_000_000_000).toBe(60_000);
  });

  it('leaves the run alone on timeout when revoke-on-cancel is false', async () => {
    platform.states = ['running'];
    const error = await runTests(deps(settings({ timeout: '30s', 'revoke-on-cancel': 'false' }))).catch((e: unknown) => e);
    expect((error as Error).message).toContain('left running');
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
  });

  it('stops following a run whose status stayed unreadable for five minutes: revokes it, reports UNKNOWN and clears the saved id', async () => {
    platform.states = ['running'];
    const lost = (): NetworkError => new NetworkError('GET', 'http://127.0.0.1:1/api/runs/run-1', 'ECONNREFUSED', false);
    let outageFrom: number | undefined;
    let failedChecks = 0;
    platform.onGetRun = (n) => {
      if (n < 2) return;
      outageFrom ??= clock.now();
      failedChecks++;
      platform.getRunErrors.push(lost());
    };
    const error = await runTests(deps(settings())).catch((e: unknown) => e);
    // Given up at the first failed check five minutes into the outage, not before.
    expect(clock.now() - (outageFrom ?? clock.now())).toBeGreaterThanOrEqual(5 * 60_000);
    expect(clock.now() - (outageFrom ?? clock.now())).toBeLessThan(6 * 60_000);
    expect(failedChecks).toBeGreaterThan(3);
    expect(host.warnings().filter((w) => w.startsWith('Status check failed'))).toHaveLength(1);
    expect(error).toBeInstanceOf(RunLostError);
    expect((error as Error).message).toBe(
      'Stopped following run run-1: its status could not be read (GET http://127.0.0.1:1/api/runs/run-1 failed: ECONNREFUSED); the run was revoked.',
    );
    expect(platform.calls).toContain('cancel run-1');
    expect(host.outputs).toMatchObject({ 'run-id': 'run-1', status: 'UNKNOWN' });
    expect(host.summaries[0]).toContain('Stopped following run run-1');
    expect(host.remembered.at(-1)).toBeUndefined();
  });

  it("rides out an API outage shorter than five minutes and reports the run's verdict", async () => {
    platform.states = ['running'];
    const lost = (): NetworkError => new NetworkError('GET', 'http://127.0.0.1:1/api/runs/run-1', 'ECONNREFUSED', false);
    const start = clock.now();
    platform.onGetRun = (n) => {
      const age = clock.now() - start;
      // Answers at first, then four minutes of refused connections (a backend deploy), then the run has passed.
      if (n >= 2 && age < 4.5 * 60_000) platform.getRunErrors.push(lost());
      else if (n >= 2) platform.states = ['passed'];
    };
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(host.outputs.status).toBe('SUCCESS');
    expect(host.warnings().filter((w) => w.startsWith('Status check failed'))).toHaveLength(1);
    expect(host.lines.some((l) => l.level === 'info' && /^Status check answered again after \d+ s\.$/.test(l.text))).toBe(true);
  });

  it('starts the outage clock again after a status check that answers: failures spread over more than five minutes, split by good checks, never stop the run', async () => {
    platform.states = ['running'];
    const lost = (): NetworkError => new NetworkError('GET', 'http://127.0.0.1:1/api/runs/run-1', 'ECONNREFUSED', false);
    const start = clock.now();
    platform.onGetRun = (n) => {
      // Every tenth check answers; the rest fail, for twelve minutes, then the run has passed.
      if (clock.now() - start >= 12 * 60_000) platform.states = ['passed'];
      else if (n % 10 !== 0) platform.getRunErrors.push(lost());
    };
    const outcome = await runTests(deps(settings()));
    expect(clock.now() - start).toBeGreaterThanOrEqual(12 * 60_000);
    expect(outcome.verdict).toBe('passed');
    expect(host.outputs.status).toBe('SUCCESS');
    expect(platform.calls).not.toContain('cancel run-1');
  });

  it('stops following a run at once on a status answer that cannot succeed, and leaves it running when revoke-on-cancel is false', async () => {
    platform.states = ['running'];
    platform.getRunErrors = [new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1', 401, 'Invalid token')];
    const error = await runTests(deps(settings({ 'revoke-on-cancel': 'false' }))).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Stopped following run run-1: its status could not be read (GET http://127.0.0.1:1/api/runs/run-1 failed with HTTP 401: Invalid token); the run was left running (revoke-on-cancel is false).',
    );
    expect(platform.calls.filter((c) => c === 'getRun')).toHaveLength(1);
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(host.outputs.status).toBe('UNKNOWN');
  });

  it('revokes the run and reports cancellation when the job is cancelled mid-run', async () => {
    const controller = new AbortController();
    platform.states = ['running'];
    platform.onGetRun = (n) => {
      if (n === 3) controller.abort(new Error('received SIGINT'));
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toContain('the run was revoked');
    expect(platform.calls).toContain('cancel run-1');
    expect(host.outputs.status).toBe('CANCELLED');
    // Cancelled: the seconds left before the runner kills the job go to the revoke, not to uploads; neither is even begun.
    expect(host.comments).toHaveLength(0);
    expect(host.uploads).toHaveLength(0);
    expect(host.warnings().filter((w) => /artifact|comment/.test(w))).toEqual([]);
  });

  it("does not upload results-path as suites when it lies inside the suites folder, with an earlier step's results in it", async () => {
    // A repository of suites only (.omilia-ci.yml at its root) gives `suites: .`; a second step in the job finds the first's results.
    await writeFile(path.join(workspace, '.omilia-ci.yml'), 'version: 1\n');
    await mkdir(path.join(workspace, 'testing-studio-results', 'artifacts'), { recursive: true });
    await writeFile(path.join(workspace, 'testing-studio-results', 'junit.xml'), '<testsuites/>');
    await writeFile(path.join(workspace, 'testing-studio-results', 'artifacts', 'run.log'), 'log');
    const uploaded: string[] = [];
    platform.uploadSuites = async (zipPath: string) => {
      const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
      for await (const entry of zip.eachEntry()) uploaded.push(entry.fileName);
    };
    platform.states = ['passed'];
    await runTests(deps(settings({ suites: '.' })));
    expect(uploaded).toEqual(['.omilia-ci.yml']);
    expect(host.warnings()).toContain('Not uploaded: testing-studio-results: results-path (the results of this action)');
  });

  it('says the revoke got no answer in time, rather than quoting the abort, when revoking on cancel times out', async () => {
    const controller = new AbortController();
    platform.states = ['running'];
    platform.onGetRun = (n) => {
      if (n === 2) controller.abort(new Error('received SIGINT'));
    };
    platform.cancelRun = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(host.warnings()).toContain('Could not revoke run run-1: no answer within 5 s');
    expect((error as Error).message).toContain('the run could not be revoked');
    expect(host.remembered.at(-1)).toBe('run-1');
  });

  it('refuses before starting a run when the platform rejects the upload', async () => {
    platform.prepareError = new ConfigurationError('Project uses git storage');
    await mkdir(path.join(workspace, 'suites'));
    await writeFile(path.join(workspace, 'suites', 'tests.yml'), 'tests: []\n');
    await expect(runTests(deps(settings({ suites: 'suites' })))).rejects.toThrow('git storage');
    expect(platform.calls).toEqual(['prepare uploading=true']);
  });

  it('reports a failure before any run exists as NOT_STARTED in the outputs, summary and comment, with no artifact', async () => {
    platform.prepareError = new HttpError('GET', 'http://127.0.0.1:1/api/projects/p/', 401, 'Invalid token');
    await expect(runTests(deps(settings()))).rejects.toBe(platform.prepareError);
    expect(host.outputs).toMatchObject({ status: 'NOT_STARTED', 'results-path': path.join(workspace, 'testing-studio-results') });
    expect(host.outputs['run-id']).toBeUndefined();
    expect(host.summaries[0]).toContain('no run was started');
    expect(host.summaries[0]).toContain('HTTP 401');
    expect(host.comments[0]?.body).toContain('no run was started');
    expect(host.uploads).toHaveLength(0);
  });

  it('reports UNKNOWN when Create Run failed in a way that may have started a run', async () => {
    platform.startError = new AmbiguousRunError('Create Run failed (HTTP 502) and 2 new runs with the same filters appeared');
    await expect(runTests(deps(settings()))).rejects.toBe(platform.startError);
    expect(host.outputs.status).toBe('UNKNOWN');
    expect(host.summaries[0]).toContain('could not tell whether a run started');
  });

  it('keeps polling through transient status errors but stops on a 401', async () => {
    platform.states = ['running', 'passed'];
    platform.getRunErrors = [new NetworkError('GET', 'u', 'ECONNRESET', true), new HttpError('GET', 'u', 503, undefined)];
    await expect(runTests(deps(settings()))).resolves.toMatchObject({ verdict: 'passed' });
    // One warning per outage; the outage's later failures are info lines.
    expect(host.warnings().filter((w) => w.startsWith('Status check failed'))).toEqual([expect.stringContaining('ECONNRESET')]);
    expect(host.lines.filter((l) => l.level === 'info' && l.text.startsWith('Status check failed'))).toEqual([
      { level: 'info', text: expect.stringContaining('HTTP 503') },
    ]);

    platform = new ScriptedPlatform();
    platform.states = ['running'];
    platform.getRunErrors = [new HttpError('GET', 'u', 401, 'Invalid token')];
    await expect(runTests(deps(settings()))).rejects.toThrow('Invalid token');
  });

  it('keeps polling through a 507, but stops at once on a 501, as the client retries one and not the other', async () => {
    platform.states = ['running', 'passed'];
    platform.getRunErrors = [new HttpError('GET', 'u', 507, 'insufficient storage')];
    await expect(runTests(deps(settings()))).resolves.toMatchObject({ verdict: 'passed' });

    platform = new ScriptedPlatform();
    platform.states = ['running', 'passed'];
    platform.getRunErrors = [new HttpError('GET', 'u', 501, 'not implemented')];
    await expect(runTests(deps(settings()))).rejects.toThrow('not implemented');
  });

  it('turns a comment failure into a warning shown in the summary without changing the verdict', async () => {
    platform.states = ['passed'];
    host.commentError = new Error('HTTP 403 Resource not accessible by integration');
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(host.warnings().join('\n')).toContain('Resource not accessible by integration');
    expect(host.summaries[0]).toContain('Resource not accessible by integration');
  });

  it('prints completed log sections while waiting and flushes the rest at the end', async () => {
    platform.states = ['running', 'running', 'passed'];
    platform.logs = [
      { id: 'a', name: 'Clone Repository', lines: ['cloning'], completed: true },
      { id: 'b', name: 'Run Test Suites', lines: ['::set-output name=x::y'], completed: false },
    ];
    await runTests(deps(settings()));
    expect(host.sections.map((s) => s.title)).toEqual(['Clone Repository', 'Run Test Suites']);
    // CI log groups do not nest: log sections must be printed outside any phase group.
    expect(host.sections.map((s) => s.depth)).toEqual([0, 0]);
  });

  it('fetches the log of a long run about once a minute, so a 30-minute run costs a few requests a minute in all', async () => {
    // Work started before a sleep (a log fetch) is done when it ends, as in real time.
    clock = new (class extends FakeClock {
      override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
        await super.sleep(ms, signal);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })(clock.now());
    const start = clock.now();
    platform.states = ['running'];
    platform.onGetRun = () => {
      if (clock.now() - start >= 30 * 60_000) platform.states = ['passed'];
    };
    const logFetches: number[] = [];
    platform.onGetLogs = () => {
      logFetches.push(clock.now() - start);
    };
    await runTests(deps(settings({ timeout: '60m' })));
    const minutes = (from: number, to: number): number[] => logFetches.filter((t) => t >= from * 60_000 && t < to * 60_000);
    // After its first minutes, at most one log fetch a minute: with the ~2.4 status checks, ~3.5 requests a minute.
    for (let minute = 5; minute < 30; minute++) expect(minutes(minute, minute + 1).length).toBeLessThanOrEqual(1);
    expect(logFetches.length).toBeLessThanOrEqual(45);
    expect(platform.pollCount + logFetches.length).toBeLessThanOrEqual(160);
  });

  it('does not fetch logs when show-logs is false', async () => {
    platform.states = ['passed'];
    await runTests(deps(settings({ 'show-logs': 'false' })));
    expect(platform.calls).not.toContain('getLogs');
  });

  it('reports a timeout before the run exists with status TIMED_OUT, a summary and no run to revoke', async () => {
    const waitForDeadline = (ctx: CallContext): Promise<void> =>
      new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    platform.onPrepare = waitForDeadline;
    const s = settings({ timeout: '60s' });
    // The step started almost a minute ago, so the deadline is 50 ms away.
    const error = await runTests({ ...deps(s), startedAt: clock.now() - s.timeoutMs + 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect((error as Error).message).toBe('Timed out after 60s before a run was started.');
    expect(platform.calls).toEqual(['prepare uploading=false']);
    expect(host.outputs).toMatchObject({ status: 'TIMED_OUT', 'junit-path': path.join(workspace, 'testing-studio-results', 'junit.xml') });
    expect(host.summaries[0]).toContain('before a run was started');
  });

  it('revokes a run whose Create Run answered after the job was cancelled', async () => {
    const controller = new AbortController();
    platform.onStart = () => controller.abort(new Error('received SIGINT'));
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe('Cancelled while run run-1 was in progress; the run was revoked.');
    expect(platform.calls).toContain('cancel run-1');
    expect(platform.pollCount).toBe(0);
    expect(host.remembered).toEqual(['run-1', undefined]);
    expect(host.outputs).toMatchObject({ 'run-id': 'run-1', status: 'CANCELLED' });
  });

  it('says no run was started when the job is cancelled before Create Run is sent', async () => {
    const controller = new AbortController();
    platform.onStart = (ctx) => {
      controller.abort(new Error('received SIGINT'));
      // What a platform does once `stopping` is aborted: send nothing and throw its reason.
      if (ctx.stopping?.aborted) throw ctx.stopping.reason;
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(host.outputs.status).toBe('CANCELLED');
  });

  it('stops zipping the suites when the job is cancelled meanwhile: uploads nothing, starts nothing and leaves no zip', async () => {
    await mkdir(path.join(workspace, 'suites'));
    await writeFile(path.join(workspace, 'suites', 'audio.wav'), Buffer.alloc(1024 * 1024, 7));
    const controller = new AbortController();
    const group = host.log.group;
    host.log.group = (title, fn) => {
      // Zipping a large suites folder takes seconds: the cancel lands while it runs.
      if (title === 'Uploading suites') controller.abort(new Error('received SIGINT'));
      return group(title, fn);
    };
    const error = await runTests(deps(settings({ suites: 'suites' }), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(platform.calls.filter((c) => c.startsWith('upload') || c.startsWith('start'))).toEqual([]);
    expect(host.outputs.status).toBe('CANCELLED');
    expect((await readdir(workspace)).filter((name) => name.endsWith('.zip'))).toEqual([]);
  });

  it('saves the run id before it drops the Create Run note, so a kill in between still leaves the run to revoke', async () => {
    await runTests(deps(settings()));
    expect(host.memory).toEqual(['note:start-note', 'run:run-1', 'note:-', 'run:-']);
  });

  it('keeps the Create Run note for the clean-up step when the job is cancelled before Create Run answers', async () => {
    const controller = new AbortController();
    platform.onStart = () => controller.abort(new Error('received SIGINT'));
    // What was sent failed without saying whether it started a run, as a request abandoned after the grace does.
    platform.startError = new NetworkError('POST', '/api/runs/', 'UND_ERR_SOCKET', true);
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe(
      "Cancelled while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
    );
    expect(host.memory).toEqual(['note:start-note']);
    expect(host.outputs.status).toBe('CANCELLED');
  });

  it('says a run may have been left running when Create Run goes unanswered and revoke-on-cancel is false', async () => {
    const controller = new AbortController();
    platform.onStart = () => controller.abort(new Error('received SIGINT'));
    platform.startError = new NetworkError('POST', '/api/runs/', 'UND_ERR_SOCKET', true);
    const error = await runTests(deps(settings({ 'revoke-on-cancel': 'false' }), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('If it exists, it is left running (revoke-on-cancel is false).');
  });

  it('does not promise a clean-up search when the note for it could not be saved', async () => {
    const controller = new AbortController();
    host.noteSaves = false;
    platform.onStart = () => controller.abort(new Error('received SIGINT'));
    platform.startError = new NetworkError('POST', '/api/runs/', 'UND_ERR_SOCKET', true);
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('It cannot be looked for later (the note for the clean-up step could not be saved)');
  });

  it('says no run was started when the Create Run in flight at a cancel is then refused', async () => {
    const controller = new AbortController();
    platform.onStart = () => controller.abort(new Error('received SIGINT'));
    platform.startError = new HttpError('POST', '/api/runs/', 422, 'group: unknown group');
    platform.startRefused = true;
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(host.memory).toEqual(['note:start-note', 'note:-']);
  });

  it('drops the Create Run note when the platform says nothing was started', async () => {
    platform.startError = new HttpError('POST', '/api/runs/', 422, 'group: unknown group');
    platform.startRefused = true;
    const error = await runTests(deps(settings())).catch((e: unknown) => e);
    expect(error).toBe(platform.startError);
    expect(host.memory).toEqual(['note:start-note', 'note:-']);
  });

  it('prints the still-running log section when the step times out', async () => {
    platform.states = ['running'];
    platform.logs = [{ id: 's1', name: 'Executing', lines: ['step 2 waiting for the bot'], completed: false }];
    await expect(runTests(deps(settings({ timeout: '60s' })))).rejects.toBeInstanceOf(RunTimeoutError);
    expect(host.sections).toEqual([{ title: 'Executing', lines: ['step 2 waiting for the bot'], depth: 0 }]);
    expect(platform.calls.indexOf('cancel run-1')).toBeLessThan(platform.calls.lastIndexOf('getLogs'));
  });

  it('keeps the verdict of a finished run when its last log fetch fails', async () => {
    platform.states = ['passed'];
    platform.getLogsErrors = [undefined, new HttpError('GET', 'u', 503, 'busy')];
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(host.outputs.status).toBe('SUCCESS');
    expect(host.warnings().filter((w) => w.includes('log'))).toEqual([expect.stringContaining("Could not fetch the run's log: GET u failed with HTTP 503")]);
  });

  it('keeps checking the status while a log fetch hangs, then abandons that fetch without a warning once the run ended', async () => {
    platform.states = ['running', 'running', 'passed'];
    platform.logs = [{ id: 'a', name: 'Clone Repository', lines: ['cloning'], completed: true }];
    let hanging = true;
    const checksDuringHang: number[] = [];
    platform.onGetLogs = async (ctx) => {
      if (!hanging) return;
      hanging = false;
      const before = platform.pollCount;
      // Hangs until abandoned; bounded in event-loop turns so a poll loop that waits for it fails instead of hanging.
      for (let turn = 0; turn < 200 && !ctx.signal.aborted; turn++) await new Promise((resolve) => setImmediate(resolve));
      checksDuringHang.push(platform.pollCount - before);
      if (ctx.signal.aborted) throw ctx.signal.reason;
    };
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(checksDuringHang).toEqual([3]);
    expect(host.warnings().filter((w) => w.includes('log'))).toEqual([]);
    expect(host.sections.map((s) => s.title)).toEqual(['Clone Repository']);
  });

  it('sets the final status and writes the summary when the results of an ended run cannot be read', async () => {
    platform.states = ['passed'];
    platform.resultsError = new HttpError('GET', 'http://x/api/runs/run-1/stats/', 500, 'boom');
    const error = await runTests(deps(settings())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultsUnavailableError);
    expect((error as Error).message).toMatch(/^Run run-1 ended SUCCESS, but its results could not be collected: GET .* 500: boom$/);
    expect(host.outputs).toMatchObject({ status: 'SUCCESS', 'run-id': 'run-1' });
    expect(host.summaries[0]).toContain('could not be collected');
  });

  it('says the run had ended when the job is cancelled while results are collected', async () => {
    const controller = new AbortController();
    platform.states = ['passed'];
    platform.resultsError = new Error('aborted');
    platform.onGetRun = () => undefined;
    const collecting = platform.getResults.bind(platform);
    platform.getResults = async () => {
      controller.abort(new Error('received SIGINT'));
      return collecting();
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled after run run-1 ended SUCCESS, before its results were collected.');
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(host.outputs.status).toBe('SUCCESS');
  });

  it('turns a JUnit file that cannot be written into a warning, keeping the verdict', async () => {
    platform.states = ['passed'];
    await mkdir(path.join(workspace, 'testing-studio-results', 'junit.xml'), { recursive: true });
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(host.warnings()).toContainEqual(expect.stringContaining('Could not write the JUnit report'));
    expect(host.outputs['junit-path']).toBeUndefined();
  });

  it('redacts secrets from the summary, comment and JUnit before escaping can disguise them', async () => {
    const secret = 'ghp_Abc123_def456_SECRET';
    const redactor = new Redactor();
    redactor.add(secret);
    platform.states = ['failed'];
    platform.results = {
      counts: { passed: 0, failed: 1, unavailable: 0, total: 1 },
      suites: [`suite https://x:${secret}@git.example`],
      cases: [
        {
          id: 'c1',
          name: `clone with ${secret}`.repeat(30),
          status: 'failed',
          vendorStatus: 'fail',
          failures: [{ assertion: 'prompt', expected: secret, found: `*${secret}*` }],
          errors: [],
          warnings: [],
        },
      ],
    };
    await runTests({ ...deps(settings()), redactor });
    const junit = await readFile(path.join(workspace, 'testing-studio-results', 'junit.xml'), 'utf8');
    for (const text of [host.summaries[0] ?? '', host.comments[0]?.body ?? '', junit]) {
      // `***` in the XML, `\*\*\*` once escaped as markdown.
      expect(text).toMatch(/\*\*\*|\\\*\\\*\\\*/);
      expect(text).not.toContain('Abc123');
    }
  });

  it('writes nothing outside the workspace when results-path turns into a symlink leading out after the inputs were checked', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'outside-'));
    try {
      // Settings refuse such a path up front (settings.test.ts); this is the disk changing during the run.
      const checked = settings();
      await symlink(outside, path.join(workspace, 'testing-studio-results'));
      platform.states = ['passed'];
      const outcome = await runTests(deps(checked));
      expect(outcome.verdict).toBe('passed');
      expect(await readdir(outside)).toEqual([]);
      expect(host.warnings().join('\n')).toMatch(/results-path.*symlink/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("clears an earlier run's extracted artifact when this run has none, so the results uploaded are this run's only", async () => {
    const stale = path.join(workspace, 'testing-studio-results', 'artifacts', 'results');
    await mkdir(stale, { recursive: true });
    await writeFile(path.join(stale, 'summary.json'), '{"runId":"an-earlier-run"}');
    platform.states = ['passed'];
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(host.warnings()).toContain('The run has no artifact to download.');
    expect(await readdir(path.join(workspace, 'testing-studio-results'))).toEqual(['junit.xml']);
  });

  it("clears an earlier run's extracted artifact when this run's download fails", async () => {
    await mkdir(path.join(workspace, 'testing-studio-results', 'artifacts'), { recursive: true });
    await writeFile(path.join(workspace, 'testing-studio-results', 'artifacts', 'old.log'), 'earlier run');
    platform.states = ['passed'];
    platform.downloadArtifact = async () => {
      throw new NetworkError('GET', 'http://x/api/runs/run-1/artifacts/', 'ECONNRESET', true);
    };
    await runTests(deps(settings()));
    expect(host.warnings()).toContainEqual(expect.stringMatching(/^Could not fetch the run's artifact: /));
    expect(await readdir(path.join(workspace, 'testing-studio-results'))).toEqual(['junit.xml']);
  });

  it('warns which files the workflow artifact left out, naming the first ten and counting the rest', async () => {
    platform.states = ['passed'];
    host.artifactLeftOut = Array.from({ length: 12 }, (_, i) => `artifacts/log-10:0${i}.txt`);
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    const warning = host.warnings().find((w) => w.startsWith('Not in the workflow artifact'));
    expect(warning).toContain('"artifacts/log-10:09.txt" and 2 more.');
    expect(warning).not.toContain('log-10:010');
  });

  it('turns an artifact over the download limit into a warning, keeping the verdict', async () => {
    platform.states = ['passed'];
    platform.downloadArtifact = async () => {
      throw new ResponseShapeError('http://x/api/runs/run-1/artifacts/', 'body is larger than the download limit of 2 GiB (2147483648 bytes); it was not saved');
    };
    const outcome = await runTests(deps(settings()));
    expect(outcome.verdict).toBe('passed');
    expect(host.warnings()).toContainEqual(expect.stringMatching(/^Could not fetch the run's artifact: .*download limit of 2 GiB/));
  });

  it('reports a cancel during the artifact download as a stop after the run ended, with the results it has', async () => {
    const controller = new AbortController();
    platform.states = ['passed'];
    platform.downloadArtifact = async (_runId: string, _dir: string, ctx: CallContext) => {
      controller.abort(new Error('received SIGINT'));
      throw ctx.signal.reason;
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe('Cancelled after run run-1 ended SUCCESS, before its results were collected.');
    expect(host.outputs.status).toBe('SUCCESS');
    expect(host.summaries[0]).toContain('2 passed');
    expect(host.comments).toHaveLength(0);
  });

  it('sets the case-count outputs it has read when it stops afterwards, as the summary shows them', async () => {
    // README: the counts are empty only "when the step stopped before results were read".
    const controller = new AbortController();
    platform.states = ['passed'];
    platform.downloadArtifact = async (_runId: string, _dir: string, ctx: CallContext) => {
      controller.abort(new Error('received SIGINT'));
      throw ctx.signal.reason;
    };
    await expect(runTests(deps(settings(), controller.signal))).rejects.toBeInstanceOf(RunCancelledError);
    expect(host.summaries[0]).toContain('2 passed');
    expect(host.outputs).toMatchObject({ status: 'SUCCESS', passed: '2', failed: '0', unavailable: '0', total: '2' });
  });

  it('reports a cancel that came while the artifact was extracted as a stop, without the comment or the workflow artifact', async () => {
    const controller = new AbortController();
    platform.states = ['passed'];
    platform.downloadArtifact = async (runId: string, dir: string) => {
      const file = path.join(dir, `${runId}_artifacts.zip`);
      const bytes = await writeZipFile(file, [{ name: 'report.csv', content: 'case,result\n' }]);
      // The download is done; extracting it does not look at the signal, so the cancel lands unseen.
      controller.abort(new Error('received SIGINT'));
      return { path: file, bytes };
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect(host.outputs.status).toBe('SUCCESS');
    expect(host.summaries[0]).toContain('2 passed');
    expect(host.comments).toHaveLength(0);
    expect(host.uploads).toHaveLength(0);
  });

  it('stops waiting for a workflow-artifact upload when the job is cancelled, skips the comment and still writes the summary', async () => {
    const controller = new AbortController();
    platform.states = ['passed'];
    host.uploadArtifact = async () => {
      controller.abort(new Error('received SIGINT'));
      return new Promise<string[]>(() => undefined);
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe('Cancelled while publishing the reports of run run-1, which ended SUCCESS: 2 of 2 test cases passed.');
    expect(host.comments).toHaveLength(0);
    expect(host.summaries).toHaveLength(1);
    expect(host.summaries[0]).toContain('Stopped waiting for the workflow artifact');
    expect(host.outputs).toMatchObject({ status: 'SUCCESS', passed: '2', failed: '0' });
  });

  it('stops waiting for the pull request comment when the job is cancelled, and still writes the summary', async () => {
    const controller = new AbortController();
    platform.states = ['passed'];
    host.upsertComment = async () => {
      controller.abort(new Error('received SIGTERM'));
      return new Promise<'created'>(() => undefined);
    };
    const error = await runTests(deps(settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect(host.summaries).toHaveLength(1);
    expect(host.summaries[0]).toContain('Stopped waiting for the pull request comment: the job was cancelled.');
  });

  it('redacts a secret in a warning raised while publishing, before escaping could disguise it', async () => {
    const secret = 'ghp_Abc123_def456_SECRET';
    const redactor = new Redactor();
    redactor.add(secret);
    platform.states = ['passed'];
    host.commentError = new Error(`403 for token ${secret}`);
    await runTests({ ...deps(settings()), host: redactingHost(host, redactor), redactor });
    expect(host.summaries[0]).toContain('403 for token');
    expect(host.summaries[0]).not.toContain('Abc123');
  });

  it('creates nothing outside the workspace when a parent of results-path turns into a symlink after the inputs were checked', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'outside-'));
    try {
      const checked = settings({ 'results-path': 'out/results' });
      await symlink(outside, path.join(workspace, 'out'));
      platform.states = ['passed'];
      const outcome = await runTests(deps(checked));
      expect(outcome.verdict).toBe('passed');
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

/** The real Testing Studio Create Run over a scripted ApiClient, inside a scripted platform. */
class CreatorPlatform extends ScriptedPlatform {
  constructor(private readonly client: ApiClient) {
    super();
  }
  override async startRun(filters: RunFilters, ctx: CallContext, journal?: StartJournal): Promise<RunSnapshot> {
    const run = await createRunOnce(this.client, 'project', filters, ctx, () => undefined, { clock, random: () => 0.5, journal });
    return { id: run.runId, state: 'queued', vendorStatus: run.status };
  }
}

/** An ApiClient whose listings answer no runs and whose POSTs run `post`. */
function listingClient(post: (count: number) => never, list: () => void = () => undefined): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getJson: async <T>(p: string, schema: ZodType<T>): Promise<T> => {
      calls.push(`GET ${p}`);
      list();
      return schema.parse({ data: [] });
    },
    postJson: async (p: string) => {
      calls.push(`POST ${p}`);
      return post(calls.filter((c) => c.startsWith('POST')).length);
    },
    postEmpty: async () => undefined,
    postFile: async () => undefined,
    download: async () => ({ bytes: 0 }),
  };
}

describe('runTests with the Testing Studio Create Run, stopped while starting', () => {
  it('leaves the note and says the clean-up step looks for the run when ambiguous failures listed no new run', async () => {
    const controller = new AbortController();
    const client = listingClient((count) => {
      // The job is cancelled while the second (last) POST is in flight; it answers 503 within the grace.
      if (count === 2) controller.abort(new Error('received SIGINT'));
      throw new HttpError('POST', '/api/runs/', 503, undefined);
    });
    const error = await runTests({ ...deps(settings(), controller.signal), platform: new CreatorPlatform(client) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toMatch(
      /^Cancelled while starting the run: Create Run failed twice and no new run is listed: .*The clean-up step at the end of the job looks for it/,
    );
    expect(host.memory).toHaveLength(1);
    expect(host.memory[0]).toMatch(/^note:\{/);
  });

  it('says no run was started, and leaves no note, when the stop comes during the listing before any POST', async () => {
    const controller = new AbortController();
    const client = listingClient(
      () => {
        throw new Error('never sent');
      },
      () => {
        controller.abort(new Error('received SIGINT'));
        throw Object.assign(new Error('listing aborted'), { name: 'AbortError' });
      },
    );
    const error = await runTests({ ...deps(settings(), controller.signal), platform: new CreatorPlatform(client) }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(client.calls).toEqual(['GET /api/projects/project/runs/']);
    expect(host.memory).toEqual([]);
  });
});
