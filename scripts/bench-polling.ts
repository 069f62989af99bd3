/**
 * Bench figures about polling: how soon the real bundle notices that a 4 s
 * run ended, and how many status requests a 4 s and a 10-minute run cost.
 * The 10-minute run is simulated in-process: the orchestrator and the
 * emulator share one virtual clock that jumps forward on every sleep.
 */
import { FakeClock } from '../src/core/clock.js';
import { runTests, type Outcome } from '../src/core/orchestrator.js';
import { Redactor } from '../src/core/redactor.js';
import { redactingHost } from '../src/core/safe-host.js';
import { Inputs, parseSettings } from '../src/core/settings.js';
import { platformFromSettings } from '../src/providers/registry.js';
import { startStep, runnerEnv } from '../__tests__/helpers/action-runner.js';
import { RecordingHost } from '../__tests__/helpers/fakes.js';
import {
  GIT_PROJECT_ID,
  PASSING_SCENARIO,
  startEmulator,
  type Emulator,
  type RequestRecord,
} from '../__tests__/emulator/testing-studio-emulator.js';
import { bounded, info, median, MeasurementError, round, withTimeout, type Bench, type Resources, type Section } from './bench-util.js';

const SHORT_RUN_MS = 4_000;
const LONG_RUN_MS = 10 * 60_000;
const REPEATS = 5;
const LAG_TARGET_MS = 500;
const LONG_RUN_REQUEST_TARGET = 60;

/** Status checks of one run: GET /api/runs/<id> exactly (not /logs/, /suites/ …), oldest first. */
export function statusChecks(emulator: Emulator, runId: string): RequestRecord[] {
  const exact = `/api/runs/${runId}`;
  return emulator.requests.filter((r) => r.method === 'GET' && r.path.replace(/\/$/, '') === exact);
}

/**
 * Lag between the run's end and the first status check that saw it ended.
 * The request log records when a request arrived and its HTTP status, not
 * the run status it answered; the emulator computes the run status from the
 * same clock at the same moment, so the first check at or after `endedAt`
 * is the first one answered with a terminal status.
 */
function detection(emulator: Emulator, runId: string): { lagMs: number; gapMs: number; checks: number } {
  const endedAt = emulator.lastRunEndedAt(runId);
  if (endedAt === undefined) throw new MeasurementError(`run ${runId} never ended on the emulator`);
  const checks = statusChecks(emulator, runId);
  const index = checks.findIndex((r) => r.at >= endedAt && r.outcome === 200);
  const first = checks[index];
  const before = checks[index - 1];
  if (!first || !before) throw new MeasurementError(`no status check of run ${runId} both before and after it ended`);
  // A run ending just after `before` would have waited the whole gap: the worst case near this duration.
  return { lagMs: first.at - endedAt, gapMs: first.at - before.at, checks: checks.length };
}

/** Detection lag and status requests of the real bundle against a 4 s run, repeated. */
export async function measureDetectionLag({ resources, emulator, mainBundle }: Bench): Promise<Section> {
  emulator.script({ ...PASSING_SCENARIO, durationMs: SHORT_RUN_MS });
  const lags: number[] = [];
  const gaps: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const ws = await resources.workspace();
    const env = runnerEnv(ws, {
      'api-url': emulator.url,
      'api-token': emulator.token,
      'project-id': GIT_PROJECT_ID,
      comment: 'false',
      'upload-artifact': 'false',
      'show-logs': 'true',
    });
    const step = startStep(ws, env, mainBundle);
    resources.adopt(step.child);
    const result = await withTimeout(step.done, 60_000, 'the 4 s run', () => step.child.kill('SIGKILL'));
    const runId = result.outputs['run-id'];
    if (result.exitCode !== 0 || !runId || result.outputs['status'] !== 'SUCCESS') {
      throw new MeasurementError(
        `the step should pass (exit ${result.exitCode}, status ${result.outputs['status']}): ${result.stdout.slice(-500)}`,
      );
    }
    const { lagMs, gapMs, checks } = detection(emulator, runId);
    lags.push(lagMs);
    gaps.push(gapMs);
    counts.push(checks);
    await resources.remove(ws.root);
  }
  const worst = Math.max(...lags);
  const widestGap = Math.max(...gaps);
  return {
    name: 'detection lag',
    figures: [
      bounded('Detection lag, 4 s run, median', median(lags), 'ms', `${(median(lags) / 1000).toFixed(3)} s`, LAG_TARGET_MS, '0.5 s'),
      bounded('Detection lag, 4 s run, max', worst, 'ms', `${(worst / 1000).toFixed(3)} s`, LAG_TARGET_MS, '0.5 s'),
      info('  worst case near 4 s: poll gap around the end', widestGap, 'ms', `${(widestGap / 1000).toFixed(3)} s`),
      info('Status requests, 4 s run (median)', median(counts), 'requests', `${median(counts)} (${Math.min(...counts)}–${Math.max(...counts)})`),
    ],
    notes: [
      `Detection lag: real bundle, default poll-interval (auto), ${REPEATS} runs of ${SHORT_RUN_MS / 1000} s; lag = arrival of the first ` +
        'GET /api/runs/<id> at or after the run ended − when it ended (emulator clock). Samples (ms): ' +
        `${lags.join(', ')}. The poll schedule is deterministic, so runs of one duration land alike; a run ending just after ` +
        `the last check before the end would wait the whole gap between two checks (${gaps.join(', ')} ms), the worst case near 4 s.`,
    ],
    raw: { repeats: REPEATS, runMs: SHORT_RUN_MS, lagsMs: lags, pollGapAtEndMs: gaps, statusRequests: counts },
  };
}

/**
 * A FakeClock whose sleeps also give real work started before them (the log
 * fetches the step makes beside its status checks) a few real milliseconds to
 * finish, as the virtual seconds would in real time; on a bare FakeClock a
 * fetch over loopback HTTP outlasts several instant sleeps and log requests
 * are undercounted.
 */
class SettlingClock extends FakeClock {
  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await super.sleep(ms, signal);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
}

/** Real time each virtual sleep waits: a loopback request to the emulator takes 1–3 ms. */
const SETTLE_MS = 10;

/**
 * A 10-minute run without waiting 10 minutes: runTests in-process against an
 * emulator whose clock is the orchestrator's FakeClock. The step's real-time
 * AbortSignal.timeout (30 min) cannot fire during this.
 */
export async function measureLongRunPolling(resources: Resources): Promise<Section> {
  const clock = new SettlingClock(Date.now());
  const emulator = await startEmulator({ now: () => clock.now() });
  const workspace = await resources.tempDir('long-run');
  const redactor = new Redactor();
  try {
    emulator.script({ ...PASSING_SCENARIO, durationMs: LONG_RUN_MS });
    const inputs: Record<string, string> = {
      [Inputs.ApiUrl]: emulator.url,
      [Inputs.ApiToken]: emulator.token,
      [Inputs.ProjectId]: GIT_PROJECT_ID,
      [Inputs.Timeout]: '30m',
      [Inputs.Comment]: 'false',
      [Inputs.UploadArtifact]: 'false',
    };
    const settings = parseSettings((name) => inputs[name] ?? '', { workspace });
    redactor.add(settings.apiToken);
    const recording = new RecordingHost();
    const host = redactingHost(recording, redactor);
    const platform = platformFromSettings(
      settings,
      { onSecret: (secret) => redactor.add(secret), debug: host.log.debug, info: host.log.info, warning: host.log.warning },
      clock,
    );
    const startedAt = clock.now();
    let outcome: Outcome;
    try {
      outcome = await withTimeout(
        runTests({ settings, host, redactor, platform, clock, signal: new AbortController().signal, startedAt, tempDir: workspace, workspace }),
        120_000,
        'the simulated 10-minute run',
      );
    } finally {
      await platform.close();
    }
    const runId = outcome.report.runId ?? '';
    if (outcome.verdict !== 'passed' || outcome.report.status !== 'SUCCESS') {
      throw new MeasurementError(`the simulated run should pass, got ${outcome.verdict} (${outcome.report.status}): ${outcome.message}`);
    }
    const { lagMs, gapMs, checks } = detection(emulator, runId);
    const logRequests = emulator.countRequests('GET', /^\/api\/runs\/[^/]+\/logs\/?$/);
    const virtualSeconds = (clock.now() - startedAt) / 1000;
    if (virtualSeconds < LONG_RUN_MS / 1000) throw new MeasurementError(`virtual time only reached ${virtualSeconds} s`);
    return {
      name: '10-minute run',
      figures: [
        bounded('Status requests, 10-min run (virtual clock)', checks, 'requests', String(checks), LONG_RUN_REQUEST_TARGET, String(LONG_RUN_REQUEST_TARGET)),
        info('Detection lag, 10-min run (virtual clock)', lagMs, 'ms', `${(lagMs / 1000).toFixed(1)} s (gap ${(gapMs / 1000).toFixed(1)} s)`),
        info('Log requests, 10-min run (virtual clock, show-logs on)', logRequests, 'requests', String(logRequests)),
      ],
      notes: [
        `10-minute run: runTests in-process, the emulator and the orchestrator share a FakeClock (sleeps advance it instantly); ` +
          `${virtualSeconds.toFixed(0)} virtual seconds, ${checks} status requests, ${logRequests} log requests ` +
          `(each virtual sleep also waits ${SETTLE_MS} ms of real time, so a log fetch started beside the status checks finishes as it would in real time).`,
      ],
      raw: { runMs: LONG_RUN_MS, statusRequests: checks, logRequests, lagMs: round(lagMs), pollGapAtEndMs: round(gapMs), virtualSeconds: round(virtualSeconds), sleepsMs: clock.sleeps },
    };
  } finally {
    await emulator.close();
    await resources.remove(workspace);
  }
}
