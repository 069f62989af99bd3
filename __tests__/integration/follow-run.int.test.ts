/**
 * How the step follows a run over real HTTP: the orchestrator runs in-process
 * against the emulator, both on one FakeClock, so the client's retry waits and
 * the poll schedule cost no real time while the server behaves as it would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import { runTests, type Outcome } from '../../src/core/orchestrator.js';
import { Redactor } from '../../src/core/redactor.js';
import { redactingHost } from '../../src/core/safe-host.js';
import { parseSettings } from '../../src/core/settings.js';
import { platformFromSettings } from '../../src/providers/registry.js';
import { RecordingHost } from '../helpers/fakes.js';
import { GIT_PROJECT_ID, PASSING_SCENARIO, startEmulator, type Emulator } from '../emulator/testing-studio-emulator.js';

let clock: FakeClock;
let emulator: Emulator;
let workspace: string;
let host: RecordingHost;

beforeEach(async () => {
  // Whole seconds, so Retry-After dates are exact.
  clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000);
  emulator = await startEmulator({ now: () => clock.now() });
  workspace = await mkdtemp(path.join(os.tmpdir(), 'follow-run-'));
  host = new RecordingHost();
});
afterEach(async () => {
  await emulator.close();
  await rm(workspace, { recursive: true, force: true });
});

/** Runs the whole step in-process with these inputs on top of the defaults. */
async function step(inputs: Record<string, string> = {}): Promise<Outcome> {
  const all: Record<string, string> = {
    'api-url': emulator.url,
    'api-token': emulator.token,
    'project-id': GIT_PROJECT_ID,
    comment: 'false',
    'upload-artifact': 'false',
    ...inputs,
  };
  const settings = parseSettings((name) => all[name] ?? '', { workspace });
  const redactor = new Redactor();
  redactor.add(settings.apiToken);
  const safe = redactingHost(host, redactor);
  const platform = platformFromSettings(
    settings,
    { onSecret: (secret) => redactor.add(secret), debug: safe.log.debug, info: safe.log.info, warning: safe.log.warning },
    clock,
  );
  try {
    const signal = new AbortController().signal;
    return await runTests({ settings, host: safe, redactor, platform, clock, signal, startedAt: clock.now(), tempDir: workspace, workspace });
  } finally {
    await platform.close();
  }
}

/** Milliseconds from the run's end to the first status check that saw it. */
function detectionLag(): number {
  const run = emulator.latestRun();
  const endedAt = run && emulator.lastRunEndedAt(run.id);
  if (!run || endedAt === undefined) throw new Error('the run never ended');
  const check = emulator.requests.find((r) => r.method === 'GET' && r.path.replace(/\/$/, '') === `/api/runs/${run.id}` && r.at >= endedAt);
  if (!check) throw new Error('no status check after the run ended');
  return check.at - endedAt;
}

const LOGS = /^\/api\/runs\/[^/]+\/logs\/?$/;

describe('following a run', () => {
  it('notices a short run ended within a second while its logs endpoint asks to be retried a minute later', async () => {
    emulator.script({ ...PASSING_SCENARIO, durationMs: 4_000 });
    emulator.faults.inject({ method: 'GET', path: LOGS, times: 20, fault: { status: 503, retryAfter: '60' } });
    const outcome = await step();
    expect(outcome.verdict).toBe('passed');
    expect(detectionLag()).toBeLessThanOrEqual(1_000);
  });

  it('keeps following a run whose status reads RETRY mid-run, and reports its verdict once it ends', async () => {
    emulator.script({ ...PASSING_SCENARIO, durationMs: 60_000, retry: { fromMs: 10_000, untilMs: 40_000 } });
    const outcome = await step({ timeout: '10m' });
    expect(outcome.verdict).toBe('passed');
    expect(host.outputs.status).toBe('SUCCESS');
    // The status lines the step printed, in order, without their progress counts.
    const statuses = host.lines
      .map((l) => /^Run [0-9a-f-]+: ([A-Z]+)/.exec(l.text)?.[1])
      .filter((status): status is string => status !== undefined);
    expect(statuses.indexOf('RETRY')).toBeGreaterThan(statuses.indexOf('STARTED'));
    expect(statuses.lastIndexOf('STARTED')).toBeGreaterThan(statuses.indexOf('RETRY'));
    expect(statuses.at(-1)).toBe('SUCCESS');
    expect(host.warnings()).toEqual([]);
  });

  it('stops asking for a log it can never read until the run ends, then tries once more, keeping the verdict', async () => {
    for (const fault of [{ status: 403, body: { detail: 'Not allowed to read logs' } }, { status: 200, body: { data: 'no sections here' } }]) {
      emulator.script({ ...PASSING_SCENARIO, durationMs: 10 * 60_000 });
      const before = emulator.countRequests('GET', LOGS);
      emulator.faults.inject({ method: 'GET', path: LOGS, times: 1_000, fault });
      const outcome = await step({ timeout: '30m' });
      expect(outcome.verdict).toBe('passed');
      // One fetch while waiting, one after the run ended.
      expect(emulator.countRequests('GET', LOGS) - before).toBe(2);
      emulator.faults.clear();
    }
    expect(host.warnings().filter((w) => w.includes('log'))).toEqual([
      expect.stringMatching(/Could not fetch the run's log: .*403.*Not allowed to read logs; not trying again until the run ends/),
      expect.stringMatching(/Could not fetch the run's log: .*403.*Not allowed to read logs$/),
      expect.stringMatching(/Could not fetch the run's log: Unexpected response .*data: expected array, received string; not trying again until the run ends$/),
      expect.stringMatching(/Could not fetch the run's log: Unexpected response .*data: expected array, received string$/),
    ]);
  });

  it('prints the log of a run whose log holds one entry of an odd shape, over HTTP', async () => {
    emulator.script({ ...PASSING_SCENARIO, durationMs: 60_000 });
    const body = {
      data: [
        { sectionName: 'Clone Repository', id: 'a', content: [{ text: '---- Cloning repository ----' }, null, { text: 'Task completed successfully' }], offset: 3, completed: true },
        { sectionName: 'Run Test Suites', id: 7, content: [{ text: 'scenario_1 : success [ 889.000 ms ]' }], offset: 1, completed: 'true' },
      ],
    };
    emulator.faults.inject({ method: 'GET', path: LOGS, times: 1_000, fault: { status: 200, body } });
    const outcome = await step();
    expect(outcome.verdict).toBe('passed');
    expect(host.sections.map((s) => [s.title, s.lines])).toEqual([
      ['Clone Repository', ['---- Cloning repository ----', 'Task completed successfully']],
      ['Run Test Suites', ['scenario_1 : success [ 889.000 ms ]']],
    ]);
    expect(host.warnings().filter((w) => w.includes('log'))).toEqual([]);
  });
});
