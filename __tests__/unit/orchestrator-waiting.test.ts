// runTests while it waits for the run: verdicts, the timeout, status checks that fail, and the run's log.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import { HttpError, NetworkError, RunLostError, RunTimeoutError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import { runTests } from '../../src/core/orchestrator.js';
import { formatDuration } from '../../src/report/markdown-report.js';
import { ScriptedPlatform } from '../helpers/fakes.js';
import { orchestratorScene } from '../helpers/orchestrator-scene.js';

const scene = orchestratorScene();

describe('runTests', () => {
  it('runs, waits, reports and passes a successful run', async () => {
    scene.platform.states = ['running', 'running', 'passed'];
    const outcome = await runTests(scene.deps(scene.settings({ group: 'smoke' })));
    expect(outcome.verdict).toBe('passed');
    expect(scene.platform.calls.filter((c) => c.startsWith('start'))).toEqual(['start {"group":"smoke"}']);
    expect(scene.platform.pollCount).toBe(3);
    expect(scene.host.outputs).toMatchObject({ 'run-id': 'run-1', status: 'SUCCESS', passed: '2', failed: '0', total: '2' });
    expect(scene.host.remembered).toEqual(['run-1', undefined]);
    expect(scene.host.summaries).toHaveLength(1);
    expect(scene.host.comments).toHaveLength(1);
    expect(scene.host.comments[0]?.body).toContain(scene.host.comments[0]?.marker);
    const junit = await readFile(path.join(scene.workspace, 'testing-studio-results', 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites');
  });

  it('fails the outcome when cases failed, with the reason', async () => {
    scene.platform.states = ['failed'];
    scene.platform.results = { counts: { passed: 1, failed: 1, unavailable: 0, total: 2 }, cases: [], suites: [] };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('failed');
    expect(outcome.message).toContain('1 of 2 test cases failed');
    expect(scene.host.outputs.status).toBe('FAILURE');
  });

  it('times out with a distinct error, revokes the run and still writes the summary', async () => {
    scene.platform.states = ['running'];
    const error = await runTests(scene.deps(scene.settings({ timeout: '60s' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect((error as Error).message).toMatch(/^Timed out after 60s waiting for run run-1 to finish; the run was revoked/);
    expect(scene.platform.calls).toContain('cancel run-1');
    expect(scene.host.outputs.status).toBe('TIMED_OUT');
    expect(scene.host.summaries[0]).toMatch(/timed out/i);
    // How long the run was followed: the output and the summary's Duration row agree.
    const seconds = Number(scene.host.outputs['duration-seconds']);
    expect(seconds).toBeGreaterThan(50);
    expect(scene.host.summaries[0]).toMatch(new RegExp(`\\| Duration \\| ${formatDuration(seconds)} \\|`));
    expect(scene.clock.now() - 1_700_000_000_000).toBeLessThanOrEqual(60_000);
    // The JUnit that says so reaches the workflow artifact, as on a run that ended.
    expect(scene.host.uploads).toEqual([{ name: 'testing-studio-results-run-1', dir: path.join(scene.workspace, 'testing-studio-results') }]);
  });

  it('reports the cases a timed-out run got through, read after revoking it: summary, comment, junit.xml and counts', async () => {
    scene.platform.states = ['running'];
    scene.platform.results = {
      counts: { passed: 1, failed: 1, unavailable: 0, total: 2 },
      suites: ['suite_a'],
      cases: [
        { id: 'c1', name: 'greets the caller', status: 'passed', vendorStatus: 'pass', failures: [], errors: [], warnings: [] },
        {
          id: 'c2',
          name: 'books a flight',
          status: 'failed',
          vendorStatus: 'fail',
          failures: [{ step: 2, assertion: 'intent', expected: 'BookFlight', found: 'CancelFlight' }],
          errors: [],
          warnings: [],
        },
      ],
    };
    const error = await runTests(scene.deps(scene.settings({ timeout: '60s' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    const calls = scene.platform.calls;
    expect(calls.indexOf('getResults')).toBeGreaterThan(calls.indexOf('cancel run-1'));
    expect(scene.host.outputs).toMatchObject({ status: 'TIMED_OUT', passed: '1', failed: '1', unavailable: '0', total: '2' });
    for (const body of [scene.host.summaries[0] ?? '', scene.host.comments[0]?.body ?? '']) {
      expect(body).toContain('timed out; so far 1 failed of 2');
      expect(body).toContain('books a flight');
      expect(body).toContain('CancelFlight');
    }
    const junit = await readFile(path.join(scene.workspace, 'testing-studio-results', 'junit.xml'), 'utf8');
    expect(junit).toContain('name="books a flight"');
    expect(junit).toContain('<failure');
    expect(scene.host.lines.map((l) => l.text)).toContain('Read 2 test cases the run got through, from 1 suite: 1 passed, 1 failed, 0 unavailable of 2.');
  });

  it("logs and reports the platform's warnings about the cases a timed-out run got through", async () => {
    scene.platform.states = ['running'];
    const warning = "The run's stats count 0 failed and 0 unavailable, but its test cases list 1 failed and 0 unavailable; the larger counts are used.";
    scene.platform.results = { counts: { passed: 1, failed: 1, unavailable: 0, total: 2 }, suites: ['suite_a'], cases: [], warnings: [warning] };
    const error = await runTests(scene.deps(scene.settings({ timeout: '60s' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect(scene.host.warnings()).toContain(warning);
    expect(scene.host.summaries[0]?.replace(/\\/g, '')).toMatch(/stats count 0 failed.*the larger counts are used/);
  });

  it('still reports a timeout, with a warning and no counts, when the cases the run got through cannot be read', async () => {
    scene.platform.states = ['running'];
    scene.platform.resultsError = new HttpError('GET', 'https://studio.example/api/runs/run-1/test_cases/', 500, 'boom');
    const error = await runTests(scene.deps(scene.settings({ timeout: '60s' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect(scene.host.warnings().join('\n')).toMatch(/Could not read the test cases the run got through: .*500/);
    expect(scene.host.outputs.status).toBe('TIMED_OUT');
    expect(scene.host.outputs.failed).toBeUndefined();
    expect(scene.host.summaries[0]).toMatch(/: timed out\n/);
  });

  it('keeps the verdict of a run that ended after the last status check and before the deadline, and does not revoke it', async () => {
    // Checks at 25 s and 50 s see it running; it ends before the 60 s deadline, which falls inside the next interval.
    scene.platform.states = ['running', 'running', 'passed'];
    const outcome = await runTests(scene.deps(scene.settings({ timeout: '60s', 'poll-interval': '25' })));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.outputs).toMatchObject({ status: 'SUCCESS', passed: '2', total: '2' });
    expect(scene.platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(scene.host.remembered.at(-1)).toBeUndefined();
    expect(scene.clock.now() - 1_700_000_000_000).toBe(60_000);
  });

  it('leaves the run alone on timeout when revoke-on-cancel is false', async () => {
    scene.platform.states = ['running'];
    const error = await runTests(scene.deps(scene.settings({ timeout: '30s', 'revoke-on-cancel': 'false' }))).catch((e: unknown) => e);
    expect((error as Error).message).toContain('left running');
    expect(scene.platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
  });

  it('stops following a run whose status stayed unreadable for five minutes: revokes it, reports UNKNOWN and clears the saved id', async () => {
    scene.platform.states = ['running'];
    const lost = (): NetworkError => new NetworkError('GET', 'http://127.0.0.1:1/api/runs/run-1', 'ECONNREFUSED', false);
    let outageFrom: number | undefined;
    let failedChecks = 0;
    scene.platform.onGetRun = (n) => {
      if (n < 2) return;
      outageFrom ??= scene.clock.now();
      failedChecks++;
      scene.platform.getRunErrors.push(lost());
    };
    const error = await runTests(scene.deps(scene.settings())).catch((e: unknown) => e);
    // Given up at the first failed check five minutes into the outage, not before.
    expect(scene.clock.now() - (outageFrom ?? scene.clock.now())).toBeGreaterThanOrEqual(5 * 60_000);
    expect(scene.clock.now() - (outageFrom ?? scene.clock.now())).toBeLessThan(6 * 60_000);
    expect(failedChecks).toBeGreaterThan(3);
    expect(scene.host.warnings().filter((w) => w.startsWith('Status check failed'))).toHaveLength(1);
    expect(error).toBeInstanceOf(RunLostError);
    expect((error as Error).message).toBe(
      'Stopped following run run-1: its status could not be read (GET http://127.0.0.1:1/api/runs/run-1 failed: ECONNREFUSED); the run was revoked.',
    );
    expect(scene.platform.calls).toContain('cancel run-1');
    expect(scene.host.outputs).toMatchObject({ 'run-id': 'run-1', status: 'UNKNOWN' });
    expect(scene.host.summaries[0]).toContain('Stopped following run run-1');
    expect(scene.host.remembered.at(-1)).toBeUndefined();
  });

  it("rides out an API outage shorter than five minutes and reports the run's verdict", async () => {
    scene.platform.states = ['running'];
    const lost = (): NetworkError => new NetworkError('GET', 'http://127.0.0.1:1/api/runs/run-1', 'ECONNREFUSED', false);
    const start = scene.clock.now();
    scene.platform.onGetRun = (n) => {
      const age = scene.clock.now() - start;
      // Answers at first, then four minutes of refused connections (a backend deploy), then the run has passed.
      if (n >= 2 && age < 4.5 * 60_000) scene.platform.getRunErrors.push(lost());
      else if (n >= 2) scene.platform.states = ['passed'];
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.host.warnings().filter((w) => w.startsWith('Status check failed'))).toHaveLength(1);
    expect(scene.host.lines.some((l) => l.level === 'info' && /^Status check answered again after \d+ s\.$/.test(l.text))).toBe(true);
  });

  it('starts the outage clock again after a status check that answers: failures spread over more than five minutes, split by good checks, never stop the run', async () => {
    scene.platform.states = ['running'];
    const lost = (): NetworkError => new NetworkError('GET', 'http://127.0.0.1:1/api/runs/run-1', 'ECONNREFUSED', false);
    const start = scene.clock.now();
    scene.platform.onGetRun = (n) => {
      // Every tenth check answers; the rest fail, for twelve minutes, then the run has passed.
      if (scene.clock.now() - start >= 12 * 60_000) scene.platform.states = ['passed'];
      else if (n % 10 !== 0) scene.platform.getRunErrors.push(lost());
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(scene.clock.now() - start).toBeGreaterThanOrEqual(12 * 60_000);
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.platform.calls).not.toContain('cancel run-1');
  });

  it('stops following a run at once on a status answer that cannot succeed, and leaves it running when revoke-on-cancel is false', async () => {
    scene.platform.states = ['running'];
    scene.platform.getRunErrors = [new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1', 401, 'Invalid token')];
    const error = await runTests(scene.deps(scene.settings({ 'revoke-on-cancel': 'false' }))).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Stopped following run run-1: its status could not be read (GET http://127.0.0.1:1/api/runs/run-1 failed with HTTP 401: Invalid token); the run was left running (revoke-on-cancel is false).',
    );
    expect(scene.platform.calls.filter((c) => c === 'getRun')).toHaveLength(1);
    expect(scene.platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(scene.host.outputs.status).toBe('UNKNOWN');
  });

  it('keeps polling through transient status errors but stops on a 401', async () => {
    scene.platform.states = ['running', 'passed'];
    scene.platform.getRunErrors = [new NetworkError('GET', 'u', 'ECONNRESET', true), new HttpError('GET', 'u', 503, undefined)];
    await expect(runTests(scene.deps(scene.settings()))).resolves.toMatchObject({ verdict: 'passed' });
    // One warning per outage; the outage's later failures are info lines.
    expect(scene.host.warnings().filter((w) => w.startsWith('Status check failed'))).toEqual([expect.stringContaining('ECONNRESET')]);
    expect(scene.host.lines.filter((l) => l.level === 'info' && l.text.startsWith('Status check failed'))).toEqual([
      { level: 'info', text: expect.stringContaining('HTTP 503') },
    ]);

    scene.platform = new ScriptedPlatform();
    scene.platform.states = ['running'];
    scene.platform.getRunErrors = [new HttpError('GET', 'u', 401, 'Invalid token')];
    await expect(runTests(scene.deps(scene.settings()))).rejects.toThrow('Invalid token');
  });

  it('keeps polling through a 507, but stops at once on a 501, as the client retries one and not the other', async () => {
    scene.platform.states = ['running', 'passed'];
    scene.platform.getRunErrors = [new HttpError('GET', 'u', 507, 'insufficient storage')];
    await expect(runTests(scene.deps(scene.settings()))).resolves.toMatchObject({ verdict: 'passed' });

    scene.platform = new ScriptedPlatform();
    scene.platform.states = ['running', 'passed'];
    scene.platform.getRunErrors = [new HttpError('GET', 'u', 501, 'not implemented')];
    await expect(runTests(scene.deps(scene.settings()))).rejects.toThrow('not implemented');
  });

  it('reports a timeout before the run exists with status TIMED_OUT, a summary and no run to revoke', async () => {
    const waitForDeadline = (ctx: CallContext): Promise<void> =>
      new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    scene.platform.onPrepare = waitForDeadline;
    const s = scene.settings({ timeout: '60s' });
    // The step started almost a minute ago, so the deadline is 50 ms away.
    const error = await runTests({ ...scene.deps(s), startedAt: scene.clock.now() - s.timeoutMs + 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect((error as Error).message).toBe('Timed out after 60s before a run was started.');
    expect(scene.platform.calls).toEqual(['prepare uploading=false']);
    expect(scene.host.outputs).toMatchObject({ status: 'TIMED_OUT', 'junit-path': path.join(scene.workspace, 'testing-studio-results', 'junit.xml') });
    expect(scene.host.summaries[0]).toContain('before a run was started');
  });

  it('reports TIMED_OUT, not NOT_STARTED, when a call finds the deadline passed before the step\'s timer has fired', async () => {
    const s = scene.settings({ timeout: '60s' });
    // The client checks the clock too: here the clock has passed the deadline while the real timer is far off.
    scene.platform.onPrepare = () => {
      scene.clock.advance(s.timeoutMs + 1);
      throw new DOMException('The deadline passed before GET /api/projects/p could be sent', 'TimeoutError');
    };
    const error = await runTests(scene.deps(s)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect(scene.host.outputs.status).toBe('TIMED_OUT');
  });

  it('prints completed log sections while waiting and flushes the rest at the end', async () => {
    scene.platform.states = ['running', 'running', 'passed'];
    scene.platform.logs = [
      { id: 'a', name: 'Clone Repository', lines: ['cloning'], completed: true },
      { id: 'b', name: 'Run Test Suites', lines: ['::set-output name=x::y'], completed: false },
    ];
    await runTests(scene.deps(scene.settings()));
    expect(scene.host.sections.map((s) => s.title)).toEqual(['Clone Repository', 'Run Test Suites']);
    // CI log groups do not nest: log sections must be printed outside any phase group.
    expect(scene.host.sections.map((s) => s.depth)).toEqual([0, 0]);
  });

  it('fetches the log of a long run about once a minute, so a 30-minute run costs a few requests a minute in all', async () => {
    // Work started before a sleep (a log fetch) is done when it ends, as in real time.
    scene.clock = new (class extends FakeClock {
      override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
        await super.sleep(ms, signal);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })(scene.clock.now());
    const start = scene.clock.now();
    scene.platform.states = ['running'];
    scene.platform.onGetRun = () => {
      if (scene.clock.now() - start >= 30 * 60_000) scene.platform.states = ['passed'];
    };
    const logFetches: number[] = [];
    scene.platform.onGetLogs = () => {
      logFetches.push(scene.clock.now() - start);
    };
    await runTests(scene.deps(scene.settings({ timeout: '60m' })));
    const minutes = (from: number, to: number): number[] => logFetches.filter((t) => t >= from * 60_000 && t < to * 60_000);
    // After its first minutes, at most one log fetch a minute: with the ~2.4 status checks, ~3.5 requests a minute.
    for (let minute = 5; minute < 30; minute++) expect(minutes(minute, minute + 1).length).toBeLessThanOrEqual(1);
    expect(logFetches.length).toBeLessThanOrEqual(45);
    expect(scene.platform.pollCount + logFetches.length).toBeLessThanOrEqual(160);
  });

  it('does not fetch logs when show-logs is false', async () => {
    scene.platform.states = ['passed'];
    await runTests(scene.deps(scene.settings({ 'show-logs': 'false' })));
    expect(scene.platform.calls).not.toContain('getLogs');
  });

  it('prints the still-running log section when the step times out', async () => {
    scene.platform.states = ['running'];
    scene.platform.logs = [{ id: 's1', name: 'Executing', lines: ['step 2 waiting for the bot'], completed: false }];
    await expect(runTests(scene.deps(scene.settings({ timeout: '60s' })))).rejects.toBeInstanceOf(RunTimeoutError);
    expect(scene.host.sections).toEqual([{ title: 'Executing', lines: ['step 2 waiting for the bot'], depth: 0 }]);
    expect(scene.platform.calls.indexOf('cancel run-1')).toBeLessThan(scene.platform.calls.lastIndexOf('getLogs'));
  });

  it('keeps the verdict of a finished run when its last log fetch fails', async () => {
    scene.platform.states = ['passed'];
    scene.platform.getLogsErrors = [undefined, new HttpError('GET', 'u', 503, 'busy')];
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.host.warnings().filter((w) => w.includes('log'))).toEqual([expect.stringContaining("Could not fetch the run's log: GET u failed with HTTP 503")]);
  });

  it('prints what an earlier fetch held of the section still running when the last log fetch fails, and says so', async () => {
    scene.platform.states = ['running', 'running', 'running', 'running', 'running', 'running', 'running', 'passed'];
    scene.platform.logs = [
      { id: 'a', name: 'Clone Repository', lines: ['cloning'], completed: true },
      { id: 'b', name: 'Run Test Suites', lines: ['scenario_1 : fail [ 889.000 ms ]'], completed: false },
    ];
    scene.platform.onGetLogs = () => {
      if (scene.platform.pollCount >= 8) scene.platform.getLogsErrors = [new HttpError('GET', 'u', 503, 'busy')];
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.platform.calls.filter((c) => c === 'getLogs').length).toBeGreaterThanOrEqual(2);
    expect(scene.host.sections.map((s) => [s.title, s.lines])).toEqual([
      ['Clone Repository', ['cloning']],
      ['Run Test Suites', ['scenario_1 : fail [ 889.000 ms ]']],
    ]);
    expect(scene.host.warnings()).toContainEqual(expect.stringMatching(/HTTP 503.*printed what an earlier fetch held instead/));
  });

  it("prints the run's log when it stops following a run whose status can no longer be read", async () => {
    scene.platform.states = ['running'];
    scene.platform.logs = [{ id: 'b', name: 'Run Test Suites', lines: ['scenario_1 : running'], completed: false }];
    scene.platform.getRunErrors = [new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1', 401, 'Invalid token')];
    await expect(runTests(scene.deps(scene.settings()))).rejects.toBeInstanceOf(RunLostError);
    expect(scene.host.sections.map((s) => s.title)).toEqual(['Run Test Suites']);
  });

  it('keeps checking the status while a log fetch hangs, then abandons that fetch without a warning once the run ended', async () => {
    scene.platform.states = ['running', 'running', 'passed'];
    scene.platform.logs = [{ id: 'a', name: 'Clone Repository', lines: ['cloning'], completed: true }];
    let hanging = true;
    const checksDuringHang: number[] = [];
    scene.platform.onGetLogs = async (ctx) => {
      if (!hanging) return;
      hanging = false;
      const before = scene.platform.pollCount;
      // Hangs until abandoned; bounded in event-loop turns so a poll loop that waits for it fails instead of hanging.
      for (let turn = 0; turn < 200 && !ctx.signal.aborted; turn++) await new Promise((resolve) => setImmediate(resolve));
      checksDuringHang.push(scene.platform.pollCount - before);
      if (ctx.signal.aborted) throw ctx.signal.reason;
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(checksDuringHang).toEqual([3]);
    expect(scene.host.warnings().filter((w) => w.includes('log'))).toEqual([]);
    expect(scene.host.sections.map((s) => s.title)).toEqual(['Clone Repository']);
  });
});
