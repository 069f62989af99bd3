import { rm } from 'node:fs/promises';
import type { CiHost, Outputs } from './ci-host.js';
import type { Clock } from './clock.js';
import { AmbiguousRunError, ResultsUnavailableError, RunCancelledError, RunLostError, RunTimeoutError, formatTimeout, isAbortError, type RunFate } from './errors.js';
import { NAMES_SHOWN, listFirst } from './list-text.js';
import { LogPrinter } from './log-printer.js';
import { StopStatus, type RunReport, type RunResults, type RunSnapshot } from './model.js';
import type { Redactor } from './redactor.js';
import { ADAPTIVE_POLL_POLICY, fixedPollPolicy } from './poll-policy.js';
import type { CallContext, StartJournal, TestPlatform } from './provider.js';
import { clearEarlierResults, collectArtifact, publishReports, reusedResultsPathWarning } from './publish.js';
import type { Settings } from './settings.js';
import { CREATE_GRACE_MS, afterGrace, budgetContext, countOutputs, endedAtDeadline, flushLogs, noteResults, reportStop, resultsSoFar, revokeRun, stopCause, stopError } from './stop-run.js';
import { decideVerdict } from './verdict.js';
import { DeadlineReached, waitForRun } from './wait-for-run.js';
import { resolveSuites } from '../archive/zip-folder.js';
import { timeoutSignal } from './timeout-signal.js';

/** Time allowed for collecting results once the run is over. */
export const COLLECT_BUDGET_MS = 10 * 60_000;
/**
 * Time allowed for downloading and extracting the artifact, of its own: the
 * artifact only adds to the reports, so running out of it is a warning, as a
 * missing or too-large artifact is, never a reason to fail a step whose
 * results were read.
 */
export const ARTIFACT_BUDGET_MS = 10 * 60_000;

/** Everything the orchestrator is given; it reads nothing from the environment. */
export interface OrchestratorDeps {
  settings: Settings;
  /** The CI host, already wrapped so secrets are redacted. */
  host: CiHost;
  /** The secrets to keep out of reports and files (the host redacts only its own text). */
  redactor: Redactor;
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
  /**
   * The step's one failure message for an error that ends it, with the entrypoint's hint on what to fix
   * ("check api-token"), so the summary, comment and JUnit say what the job log says. Default: the error's message.
   */
  describeFailure?: (error: Error) => string;
}

/** What the entrypoint turns into the step's result. */
export interface Outcome {
  verdict: 'passed' | 'failed';
  /** One sentence for the failure message (or the final log line). */
  message: string;
  report: RunReport;
}

/** The report's fields that are known before the run's outcome. */
type ReportBase = Omit<RunReport, 'status' | 'verdict' | 'verdictReason'>;

/**
 * The whole lifecycle: prepare → upload → start → wait (+logs) → results →
 * artifact → reports → verdict. A timeout or cancellation at any point
 * revokes a run in progress, reports why (outputs, summary, JUnit) and
 * surfaces as RunTimeoutError / RunCancelledError.
 */
export async function runTests(deps: OrchestratorDeps): Promise<Outcome> {
  const { settings, host, platform, clock } = deps;
  const deadline = deps.startedAt + settings.timeoutMs;
  const deadlineSignal = timeoutSignal(Math.max(1, deadline - clock.now()));
  const ctx: CallContext = { signal: AbortSignal.any([deps.signal, deadlineSignal]), deadline };
  /**
   * Whether `error` is the step's deadline passing: its signal firing, or a call that found the deadline passed
   * before the timer fired (the client checks the clock too; a timer can fire late) and said so as a TimeoutError.
   */
  const deadlineStopped = (error: unknown): boolean => isAbortError(error) && (deadlineSignal.aborted || clock.now() >= deadline);
  const outputs: Partial<Outputs> = { 'results-path': settings.resultsPath };
  const base: ReportBase = {
    platform: platform.name,
    target: settings.projectId,
    targetId: settings.projectId,
    filters: settings.filters,
    suites: [],
    cases: [],
    warnings: [],
    jobUrl: deps.jobUrl,
  };
  if (host.claimResultsPath(settings.resultsPath)) {
    const warning = reusedResultsPathWarning(settings.resultsPath, deps.workspace);
    host.log.warning(warning);
    base.warnings.push(warning);
  }
  await clearEarlierResults(deps, base.warnings);
  let run: RunSnapshot;
  try {
    await prepareAndUpload(deps, ctx, base);
    run = await startRun(deps, ctx);
  } catch (error) {
    const stopped =
      error instanceof RunCancelledError || error instanceof RunTimeoutError
        ? error
        : (ctx.signal.aborted && (error === ctx.signal.reason || isAbortError(error))) || deadlineStopped(error)
          ? stopError(deps, stopCause(deps), { kind: 'not-started' })
          : undefined;
    if (stopped) throw await reportStop(deps, base, outputs, stopped, stopCause(deps));
    if (!(error instanceof Error)) throw error;
    // No run to follow: still say why where people look (a comment from an earlier run would otherwise stand
    // unchanged), with a status a later step can test. After an ambiguous Create Run a run may exist: UNKNOWN.
    throw await reportStop(deps, base, outputs, error, 'failed', error instanceof AmbiguousRunError ? StopStatus.Unknown : StopStatus.NotStarted);
  }
  base.runId = run.id;
  outputs['run-id'] = run.id;
  host.setOutputs(outputs);
  const runStartedAt = clock.now();
  const elapsed = (): string => String(Math.round((clock.now() - runStartedAt) / 1000));
  const printer = new LogPrinter(host.log);

  let finished: RunSnapshot | undefined;
  let lost: { error: unknown } | undefined;
  if (!ctx.signal.aborted) {
    try {
      // Not a group: the run's log sections are printed as groups of their own, and groups do not nest.
      host.log.info(`Waiting for run ${run.id} (timeout ${formatTimeout(settings.timeoutMs)})`);
      finished = await waitForRun(run, {
        platform,
        clock,
        log: host.log,
        ctx,
        policy: settings.pollInterval === 'auto' ? ADAPTIVE_POLL_POLICY : fixedPollPolicy(settings.pollInterval),
        printer: settings.showLogs ? printer : undefined,
        flushLogs: () => flushLogs(deps, printer, run.id),
        startedAt: runStartedAt,
      });
    } catch (error) {
      const deadlinePassed = error instanceof DeadlineReached || deadlineStopped(error);
      if (!deps.signal.aborted && !deadlinePassed) lost = { error };
    }
  }
  if (lost) {
    // The status can no longer be read: the step stops following the run, as on a timeout, so the run is revoked
    // (when allowed) and the stop is reported, rather than left to the clean-up step without a word.
    const { fate, ended } = await revokeRun(deps, run.id);
    if (settings.showLogs) await flushLogs(deps, printer, run.id);
    // A run read as ended after all keeps its verdict: its results are collected as usual.
    if (ended) finished = ended;
    else {
      outputs['duration-seconds'] = elapsed();
      throw await reportStop(deps, base, outputs, new RunLostError(fate, lost.error), 'failed', StopStatus.Unknown);
    }
  }
  if (!finished && !deps.signal.aborted) {
    // The deadline passed: one last look, as the run may have ended since the last status check.
    finished = await endedAtDeadline(deps, run.id);
    if (finished) {
      host.log.info(`Run ${run.id} had ended ${finished.vendorStatus} by the deadline.`);
      if (settings.showLogs) await flushLogs(deps, printer, run.id);
    }
  }
  if (!finished) {
    // Cancelled or timed out while the run was in progress (or while it was being created).
    const stop = stopCause(deps);
    const { fate, ended } = await revokeRun(deps, run.id);
    if (stop === 'timed-out' && settings.showLogs) await flushLogs(deps, printer, run.id);
    // A run that ended just as the deadline passed keeps its verdict, as endedAtDeadline's does.
    if (ended && stop === 'timed-out') finished = ended;
    else {
      const soFar = stop === 'timed-out' ? await resultsSoFar(deps, run.id, base.warnings) : undefined;
      const known = soFar ? { ...base, counts: soFar.counts, cases: soFar.cases, suites: soFar.suites } : base;
      outputs['duration-seconds'] = elapsed();
      throw await reportStop(deps, known, outputs, stopError(deps, stop, fate), stop, ended?.vendorStatus);
    }
  }
  host.rememberRun(undefined);
  const ended = finished;
  outputs.status = ended.vendorStatus;
  // Measured once, as the run ended: the output and the reports say the same, whatever collecting takes.
  const duration = durationSeconds(ended, runStartedAt, clock.now());
  outputs['duration-seconds'] = String(duration);
  host.setOutputs(outputs);
  return collectAndReport(deps, base, outputs, ended, duration);
}

/** Check the target and upload the suites: everything before a run exists. */
async function prepareAndUpload(deps: OrchestratorDeps, ctx: CallContext, base: ReportBase): Promise<void> {
  const { settings, host, platform } = deps;
  const uploading = settings.suites !== undefined;
  await host.log.group(`Preparing ${platform.name} project ${settings.projectId}`, async () => {
    const prepared = await platform.prepare({ uploading }, ctx);
    host.log.info(`Project: ${prepared.displayName}`);
    prepared.warnings.forEach((w) => host.log.warning(w));
    base.target = prepared.displayName;
    base.warnings.push(...prepared.warnings);
  });
  const suites = settings.suites;
  if (!suites) return;
  await host.log.group('Uploading suites', async () => {
    const zip = await resolveSuites(suites, deps.workspace, deps.tempDir, { resultsPath: settings.resultsPath, signal: ctx.signal });
    host.log.info(zip.created ? `Zipped ${zip.files ?? 0} files from ${suites}` : `Using ${suites}`);
    const skipped = zip.skipped ?? [];
    // One warning for them all: GitHub keeps 10 warning annotations per step, and one per entry would crowd out the
    // step's other warnings. A longer list is still printed in full, as plain lines.
    const more = skipped.length > NAMES_SHOWN;
    if (more) for (const entry of skipped) host.log.info(`Not uploaded: ${entry}`);
    if (skipped.length > 0) host.log.warning(`Not uploaded: ${listFirst(skipped, NAMES_SHOWN, (entry) => entry)}${more ? ' (each listed in the log)' : ''}`);
    try {
      await platform.uploadSuites(zip.zipPath, ctx);
    } finally {
      // The zip we made is scratch; the user's own .zip is never touched.
      if (zip.created) await rm(zip.zipPath, { force: true });
    }
    host.log.info('Suites uploaded.');
  });
}

/**
 * Create Run. A cancel or timeout does not abandon the request at once (see
 * CREATE_GRACE_MS), and the platform sends no new request once stopping; if
 * the answer still comes, the run is remembered and the caller revokes it.
 * If it does not, the platform's note of the attempt (its StartJournal) is
 * left for the clean-up step, which can still find and revoke that run.
 */
async function startRun(deps: OrchestratorDeps, ctx: CallContext): Promise<RunSnapshot> {
  const { settings, host, platform } = deps;
  return host.log.group('Starting run', async () => {
    const late = afterGrace(ctx.signal, CREATE_GRACE_MS);
    const note = { held: false, saved: false };
    const journal: StartJournal = {
      sending: (text) => {
        note.held = true;
        note.saved = host.rememberStartAttempt(text);
      },
      nothingStarted: () => {
        note.held = false;
        host.rememberStartAttempt(undefined);
      },
    };
    try {
      // The deadline stretches over the grace too (a timeout's grace starts at the deadline; a cancel's ends
      // sooner, by `late`): once stopping, the platform may only find out what a sent request created.
      const deadline = ctx.deadline + CREATE_GRACE_MS;
      const started = await platform.startRun(settings.filters, { signal: late.signal, deadline, stopping: ctx.signal }, journal);
      // Saved before anything else (and before the note is dropped), so the post step can revoke it even if we are
      // killed right now.
      host.rememberRun(started.id);
      host.rememberStartAttempt(undefined);
      host.log.info(`Started run ${started.id}`);
      return started;
    } catch (error) {
      if (!ctx.signal.aborted) throw error;
      // Nothing sent, or everything sent refused: no run was started.
      if (!note.held) throw stopError(deps, stopCause(deps), { kind: 'not-started' });
      const later = !note.saved ? 'not-noted' : settings.revokeOnCancel ? 'revoke' : 'left-running';
      // The platform's own account when it has one (e.g. several new runs); otherwise the grace ran out.
      const detail = error instanceof AmbiguousRunError ? error.message : undefined;
      throw stopError(deps, stopCause(deps), { kind: 'unknown', later, detail });
    } finally {
      late.dispose();
    }
  });
}

/** Results, artifact and reports of a run that ended; returns the verdict. */
async function collectAndReport(
  deps: OrchestratorDeps,
  base: ReportBase,
  outputs: Partial<Outputs>,
  ended: RunSnapshot,
  duration: number,
): Promise<Outcome> {
  const { settings, host, platform } = deps;
  const collectCtx = budgetContext(deps, COLLECT_BUDGET_MS, true);
  const runId = ended.id;
  /** A cancel, or the end of the collect budget, after the run ended: reported with what is known so far. */
  const stopAfterEnd = async (known: ReportBase, fate: RunFate = { kind: 'ended', runId, status: ended.vendorStatus }): Promise<Error> => {
    const stop = stopCause(deps);
    const failure = stopError(deps, stop, fate, COLLECT_BUDGET_MS);
    return reportStop(deps, known, outputs, failure, stop, ended.vendorStatus);
  };
  let results: RunResults;
  try {
    results = await host.log.group('Collecting results', async () => {
      const read = await platform.getResults(runId, collectCtx);
      noteResults(deps, read, base.warnings);
      return read;
    });
  } catch (error) {
    if (collectCtx.signal.aborted) throw await stopAfterEnd(base);
    const failure = new ResultsUnavailableError(runId, ended.vendorStatus, error);
    throw await reportStop(deps, base, outputs, failure, 'failed', ended.vendorStatus);
  }
  const verdict = decideVerdict(settings.failOn, ended.state, ended.vendorStatus, results.counts);
  const report: RunReport = {
    ...base,
    status: ended.vendorStatus,
    verdict: verdict.verdict,
    verdictReason: verdict.reason,
    counts: results.counts,
    suites: results.suites,
    cases: results.cases,
    durationSeconds: duration,
  };
  host.log.info(`Run ${runId} ended ${ended.vendorStatus}: ${verdict.reason}`);

  const fetchingArtifact: RunFate = { kind: 'artifact', runId, status: ended.vendorStatus, verdict: verdict.reason };
  try {
    const artifactCtx = budgetContext(deps, ARTIFACT_BUDGET_MS, true);
    await host.log.group('Downloading artifact', () => collectArtifact(deps, report, artifactCtx, ARTIFACT_BUDGET_MS));
  } catch (error) {
    // collectArtifact turns every problem into a warning, its budget running out included, except a cancel.
    if (!deps.signal.aborted) throw error;
    throw await stopAfterEnd(report, fetchingArtifact);
  }
  // A cancel that came as the artifact was done (the last file written as it came) must still not be followed by
  // the upload and comment (a cancelled job's seconds are few, and the summary comes last).
  if (deps.signal.aborted) throw await stopAfterEnd(report, fetchingArtifact);
  const junitPath = await publishReports(deps, report, { comment: settings.comment, artifact: settings.uploadArtifact });
  host.setOutputs({
    ...outputs,
    ...countOutputs(results.counts),
    ...(junitPath ? { 'junit-path': junitPath } : {}),
  });
  // A cancel while publishing: the reports are out (the summary at least), and the step still ends as cancelled.
  if (deps.signal.aborted) throw new RunCancelledError({ kind: 'reporting', runId, status: ended.vendorStatus, verdict: verdict.reason });
  return { verdict: verdict.verdict, message: verdict.reason, report };
}

/** The run's duration: from its timestamps, else as the platform states it, else on our own clock. */
function durationSeconds(run: RunSnapshot, startedAt: number, now: number): number {
  if (run.createdAt && run.finishedAt && run.finishedAt >= run.createdAt) {
    return Math.round((run.finishedAt.getTime() - run.createdAt.getTime()) / 1000);
  }
  return Math.round(run.durationSeconds ?? (now - startedAt) / 1000);
}
