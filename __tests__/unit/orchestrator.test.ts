import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import { ConfigurationError, HttpError, NetworkError, RunCancelledError, RunTimeoutError } from '../../src/core/errors.js';
import { runTests, type OrchestratorDeps } from '../../src/core/orchestrator.js';
import { parseSettings, type Settings } from '../../src/core/settings.js';
import { RecordingHost, ScriptedPlatform } from '../helpers/fakes.js';

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
  const inputs: Record<string, string> = {
    'api-url': 'http://127.0.0.1:1',
    'api-token': 'tok-secret',
    'project-id': 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f',
    ...overrides,
  };
  return parseSettings((n) => inputs[n] ?? '', { workspace });
}

function deps(s: Settings, signal = new AbortController().signal): OrchestratorDeps {
  return { settings: s, host, platform, clock, signal, startedAt: clock.now(), tempDir: workspace, workspace };
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
  });

  it('leaves the run alone on timeout when revoke-on-cancel is false', async () => {
    platform.states = ['running'];
    const error = await runTests(deps(settings({ timeout: '30s', 'revoke-on-cancel': 'false' }))).catch((e: unknown) => e);
    expect((error as Error).message).toContain('left running');
    expect(platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
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
    expect(host.comments).toHaveLength(0);
  });

  it('refuses before starting a run when the platform rejects the upload', async () => {
    platform.prepareError = new ConfigurationError('Project uses git storage');
    await expect(runTests(deps(settings({ suites: 'suites' })))).rejects.toThrow('git storage');
    expect(platform.calls).toEqual(['prepare uploading=true']);
  });

  it('keeps polling through transient status errors but stops on a 401', async () => {
    platform.states = ['running', 'passed'];
    platform.getRunErrors = [new NetworkError('GET', 'u', 'ECONNRESET', true), new HttpError('GET', 'u', 503, undefined)];
    await expect(runTests(deps(settings()))).resolves.toMatchObject({ verdict: 'passed' });
    expect(host.warnings().filter((w) => w.startsWith('Status check failed'))).toHaveLength(2);

    platform = new ScriptedPlatform();
    platform.states = ['running'];
    platform.getRunErrors = [new HttpError('GET', 'u', 401, 'Invalid token')];
    await expect(runTests(deps(settings()))).rejects.toThrow('Invalid token');
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

  it('does not fetch logs when show-logs is false', async () => {
    platform.states = ['passed'];
    await runTests(deps(settings({ 'show-logs': 'false' })));
    expect(platform.calls).not.toContain('getLogs');
  });
});
