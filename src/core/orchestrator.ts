import { rm } from 'node:fs/promises';
import type { CiHost, Outputs } from './ci-host.js';
import type { Clock } from './clock.js';
import { RunCancelledError, RunTimeoutError, formatTimeout, isAbortError } from './errors.js';
import type { RunReport, RunResults, RunSnapshot } from './model.js';
import { ADAPTIVE_POLL_POLICY, fixedPollPolicy } from './poll-policy.js';
import type { CallContext, TestPlatform } from './provider.js';
import { collectArtifact, publishReports } from './publish.js';
import type { Settings } from './settings.js';
import { decideVerdict } from './verdict.js';
import { DeadlineReached, waitForRun } from './wait-for-run.js';
import { resolveSuites } from '../archive/zip-folder.js';

/** Time allowed for revoking a run on cancel/timeout (the runner kills the job ~7.5 s after SIGINT). */
export const REVOKE_BUDGET_MS = 5_000;
/** Time allowed for collecting results and the artifact once the run is over. */
export const COLLECT_BUDGET_MS = 10 * 60_000;

/** Everything the orchestrator is given; it reads nothing from the environment. */
export interface OrchestratorDeps {
  settings: Settings;
  /** The CI host, already wrapped so secrets are redacted. */
  host: CiHost;
  platform: TestPlatform;
  clock: Clock;
  /** Aborted when the job is cancelled. */
  signal: AbortSignal;
  /** When the step started (epoch ms): `timeout` counts from here. */
  startedAt: number;
  /** Scratch folder for the suites zip. */
  tempDir: string;
  workspace: string;
  jobUrl?: string;
}

/** What the entrypoint turns into the step's result. */
export interface Outcome {
  verdict: 'passed' | 'failed';
  /** One sentence for the failure message (or the final log line). */
  message: string;
  report: RunReport;
}

/**
 * The whole lifecycle: prepare → upload → start → wait (+logs) → results →
 * artifact → reports → verdict. Timeouts and cancellation revoke the run and
 * surface as RunTimeoutError / RunCancelledError after reports are written.
 */
export async function runTests(deps: OrchestratorDeps): Promise<Outcome> {
  const { settings, host, platform, clock } = deps;
  const log = host.log;
  const deadline = deps.startedAt + settings.timeoutMs;
  const timeoutSignal = AbortSignal.timeout(Math.max(1, deadline - clock.now()));
  const ctx: CallContext = { signal: AbortSignal.any([deps.signal, timeoutSignal]), deadline };
  const outputs: Partial<Outputs> = { 'results-path': settings.resultsPath };
  const uploading = settings.suites !== undefined;

  const target = await log.group(`Preparing ${platform.name} project ${settings.projectId}`, async () => {
    const prepared = await guard(deps, ctx, () => platform.prepare({ uploading }, ctx));
    log.info(`Project: ${prepared.displayName}`);
    prepared.warnings.forEach((w) => log.warning(w));
    return prepared;
  });

  if (settings.suites) {
    const suites = settings.suites;
    await log.group('Uploading suites', async () => {
      const zip = await resolveSuites(suites, deps.workspace, deps.tempDir);
      log.info(zip.created ? `Zipped ${zip.files ?? 0} files from ${suites}` : `Using ${suites}`);
      for (const skipped of zip.skipped ?? []) log.warning(`Not uploaded: ${skipped}`);
      try {
        await guard(deps, ctx, () => platform.uploadSuites(zip.zipPath, ctx));
      } finally {
        // The zip we made is scratch; the user's own .zip is never touched.
        if (zip.created) await rm(zip.zipPath, { force: true });
      }
      log.info('Suites uploaded.');
    });
  }

  const run = await log.group('Starting run', async () => {
    const started = await guard(deps, ctx, () => platform.startRun(settings.filters, ctx));
    // Saved before anything else, so the post step can revoke it even if we are killed right now.
    host.rememberRun(started.id);
    log.info(`Started run ${started.id}`);
    return started;
  });
  outputs['run-id'] = run.id;
  host.setOutputs(outputs);
  const runStartedAt = clock.now();

  const base: Omit<RunReport, 'status' | 'verdict' | 'verdictReason'> = {
    platform: platform.name,
    target: target.displayName,
    targetId: settings.projectId,
    runId: run.id,
    filters: settings.filters,
    suites: [],
    cases: [],
    warnings: [...target.warnings],
    jobUrl: deps.jobUrl,
  };

  let finished: RunSnapshot;
  try {
    // Not a group: the run's log sections are printed as groups of their own, and groups do not nest.
    log.info(`Waiting for run ${run.id} (timeout ${formatTimeout(settings.timeoutMs)})`);
    finished = await waitForRun(run, {
      platform,
      clock,
      log,
      ctx,
      policy: settings.pollInterval === 'auto' ? ADAPTIVE_POLL_POLICY : fixedPollPolicy(settings.pollInterval),
      showLogs: settings.showLogs,
      startedAt: runStartedAt,
    });
  } catch (error) {
    const cancelled = deps.signal.aborted;
    if (!cancelled && !(error instanceof DeadlineReached) && !(isAbortError(error) && timeoutSignal.aborted)) throw error;
    const revoked = await revoke(deps, run.id);
    const status = cancelled ? 'CANCELLED' : 'TIMED_OUT';
    const failure = cancelled
      ? new RunCancelledError(run.id, revoked)
      : new RunTimeoutError(settings.timeoutMs, run.id, revoked);
    const report: RunReport = { ...base, status, verdict: 'failed', verdictReason: failure.message };
    host.setOutputs({ ...outputs, status, 'duration-seconds': String(Math.round((clock.now() - runStartedAt) / 1000)) });
    await publishReports(deps, report, { comment: !cancelled, artifact: false });
    throw failure;
  }
  host.rememberRun(undefined);

  const collectCtx: CallContext = {
    signal: AbortSignal.any([deps.signal, AbortSignal.timeout(COLLECT_BUDGET_MS)]),
    deadline: clock.now() + COLLECT_BUDGET_MS,
  };
  const results: RunResults = await log.group('Collecting results', () =>
    guard(deps, collectCtx, () => platform.getResults(run.id, collectCtx), run.id),
  );
  const verdict = decideVerdict(settings.failOn, finished.state, finished.vendorStatus, results.counts);
  const report: RunReport = {
    ...base,
    status: finished.vendorStatus,
    verdict: verdict.verdict,
    verdictReason: verdict.reason,
    counts: results.counts,
    suites: results.suites,
    cases: results.cases,
    durationSeconds: durationSeconds(finished, runStartedAt, clock.now()),
  };
  log.info(`Run ${run.id} ended ${finished.vendorStatus}: ${verdict.reason}`);

  await log.group('Downloading artifact', () =>
    guard(deps, collectCtx, () => collectArtifact(deps, report, collectCtx), run.id),
  );
  const junitPath = await publishReports(deps, report, { comment: settings.comment, artifact: settings.uploadArtifact });
  host.setOutputs({
    ...outputs,
    status: finished.vendorStatus,
    passed: String(results.counts.passed),
    failed: String(results.counts.failed),
    unavailable: String(results.counts.unavailable),
    total: String(results.counts.total),
    'junit-path': junitPath,
    'duration-seconds': String(report.durationSeconds ?? 0),
  });
  return { verdict: verdict.verdict, message: verdict.reason, report };
}

/**
 * Run a remote call and translate an abort into what caused it: job
 * cancellation (RunCancelledError) or the step's deadline (RunTimeoutError).
 */
async function guard<T>(deps: OrchestratorDeps, ctx: CallContext, fn: () => Promise<T>, runId?: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    if (deps.signal.aborted) throw new RunCancelledError(runId, false);
    throw new RunTimeoutError(deps.settings.timeoutMs, runId, false);
  }
}

/** Revoke the run within REVOKE_BUDGET_MS when allowed. Returns whether the platform accepted. */
async function revoke(deps: OrchestratorDeps, runId: string): Promise<boolean> {
  if (!deps.settings.revokeOnCancel) {
    deps.host.log.warning(`Run ${runId} was left running (revoke-on-cancel is false).`);
    return false;
  }
  const ctx: CallContext = { signal: AbortSignal.timeout(REVOKE_BUDGET_MS), deadline: deps.clock.now() + REVOKE_BUDGET_MS };
  try {
    await deps.platform.cancelRun(runId, ctx);
    deps.host.rememberRun(undefined);
    deps.host.log.info(`Revoked run ${runId}.`);
    return true;
  } catch (error) {
    deps.host.log.warning(`Could not revoke run ${runId}: ${(error as Error).message}`);
    return false;
  }
}

function durationSeconds(run: RunSnapshot, startedAt: number, now: number): number {
  if (run.createdAt && run.finishedAt && run.finishedAt >= run.createdAt) {
    return Math.round((run.finishedAt.getTime() - run.createdAt.getTime()) / 1000);
  }
  return Math.round((now - startedAt) / 1000);
}
