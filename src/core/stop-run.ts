import type { Outputs } from './ci-host.js';
import { RunCancelledError, RunTimeoutError, budgetedFailure, isNotFound, type InProgressFate, type RunFate } from './errors.js';
import type { LogPrinter } from './log-printer.js';
import { StopStatus, TERMINAL_STATES, type CaseCounts, type RunReport, type RunResults, type RunSnapshot } from './model.js';
import type { OrchestratorDeps } from './orchestrator.js';
import type { CallContext } from './provider.js';
import { publishReports } from './publish.js';
import { timeoutSignal } from './timeout-signal.js';

/** Time allowed for revoking a run on cancel/timeout (the runner kills the job ~7.5 s after SIGINT). */
export const REVOKE_BUDGET_MS = 5_000;
/** Time allowed for the status check made once the deadline has passed, before the run is revoked. */
export const LAST_LOOK_BUDGET_MS = 5_000;
/** Time allowed for the last log fetch once the run is over (or was revoked on timeout). */
export const LOG_FLUSH_BUDGET_MS = 10_000;
/** Time a timed-out step gives to reading the test cases the run got through (see resultsSoFar). */
export const RESULTS_SO_FAR_BUDGET_MS = 60_000;
/**
 * How long Create Run may still take after the job was cancelled or the
 * deadline passed. Abandoning a POST the server has already received would
 * leave a run nobody knows the id of, so nobody could revoke it; given this
 * much time, the answer usually arrives and the run is revoked at once.
 * With REVOKE_BUDGET_MS that makes 7 s, inside the 7.5 s a runner waits
 * between SIGINT and SIGTERM (a second signal exits at once).
 */
export const CREATE_GRACE_MS = 2_000;

/** Why the step is stopping early. */
export type StopCause = 'cancelled' | 'timed-out';

/**
 * A signal that aborts `ms` after `signal` does (see CREATE_GRACE_MS), with a
 * reason of its own, so a caller can tell "abandoned after the grace period"
 * from "stopped before anything was sent". Call `dispose` when done.
 */
export function afterGrace(signal: AbortSignal, ms: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    timer = setTimeout(() => controller.abort(new DOMException(`no answer ${ms} ms after stopping`, 'AbortError')), ms);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/** Why a step whose signals were aborted is stopping: the job's cancel wins over any time limit. */
export function stopCause(deps: OrchestratorDeps): StopCause {
  return deps.signal.aborted ? 'cancelled' : 'timed-out';
}

/** A context of its own for work that must still happen while stopping (revoke, last log fetch). */
export function budgetContext(deps: OrchestratorDeps, ms: number, withCancel: boolean): CallContext {
  const timeout = timeoutSignal(ms);
  return { signal: withCancel ? AbortSignal.any([deps.signal, timeout]) : timeout, deadline: deps.clock.now() + ms };
}

/** The error that ends the step for `cause`; `limitMs` is the limit that passed (the step's timeout by default). */
export function stopError(deps: OrchestratorDeps, cause: StopCause, fate: RunFate, limitMs = deps.settings.timeoutMs): Error {
  return cause === 'cancelled' ? new RunCancelledError(fate) : new RunTimeoutError(limitMs, fate);
}

/** What stopping did to a run that was in progress, and the run itself when it turned out to have ended. */
export interface StopOutcome {
  fate: InProgressFate;
  /** The run, read after a refused revoke, when it had ended SUCCESS or FAILURE just before. */
  ended?: RunSnapshot;
}

/**
 * Revoke a run that is still in progress, when allowed, within
 * REVOKE_BUDGET_MS (a cancelled job has ~7.5 s before the runner kills it).
 * When the revoke fails, the run's status is read within what is left of
 * that time: a run that ended just before (a cancel right as it finished)
 * may have its revoke refused, and is then said to have ended, not to be
 * "possibly still running"; one that reads REVOKED was revoked (the revoke's
 * answer was lost, or a retry was refused as the first one had worked).
 */
export async function revokeRun(deps: OrchestratorDeps, runId: string): Promise<StopOutcome> {
  if (!deps.settings.revokeOnCancel) {
    deps.host.log.warning(`Run ${runId} was left running (revoke-on-cancel is false).`);
    return { fate: { kind: 'left-running', runId } };
  }
  const ctx = budgetContext(deps, REVOKE_BUDGET_MS, false);
  const revoked = (): StopOutcome => {
    deps.host.rememberRun(undefined);
    deps.host.log.info(`Revoked run ${runId}.`);
    return { fate: { kind: 'revoked', runId } };
  };
  try {
    await deps.platform.cancelRun(runId, ctx);
    return revoked();
  } catch (error) {
    let statusError: unknown;
    const run = await deps.platform.getRun(runId, ctx).catch((readError: unknown) => void (statusError = readError));
    if (run?.state === 'cancelled') return revoked();
    if (isNotFound(error) && isNotFound(statusError)) {
      // Deleted on the server: nothing is left running, and the clean-up step must not try again.
      deps.host.rememberRun(undefined);
      deps.host.log.warning(`Run ${runId} no longer exists on the server (its revoke and its status both answered 404).`);
      return { fate: { kind: 'gone', runId } };
    }
    if (run && TERMINAL_STATES.has(run.state)) {
      deps.host.rememberRun(undefined);
      deps.host.log.info(`Run ${runId} had ended ${run.vendorStatus} just before; there was nothing to revoke.`);
      return { fate: { kind: 'ended-meanwhile', runId, status: run.vendorStatus }, ended: run };
    }
    deps.host.log.warning(`Could not revoke run ${runId}: ${budgetedFailure(error, REVOKE_BUDGET_MS)}`);
    return { fate: { kind: 'revoke-failed', runId } };
  }
}

/**
 * The run, when a status check made once the deadline has passed finds it
 * ended; undefined when it is still in progress or its status cannot be read
 * now. The last check can be a whole poll interval old (up to 10 minutes
 * with a fixed `poll-interval`): a run that ended since must keep its
 * verdict, not be reported as timed out and "revoked" (revoking an ended run
 * changes nothing). Bounded by LAST_LOOK_BUDGET_MS.
 */
export async function endedAtDeadline(deps: OrchestratorDeps, runId: string): Promise<RunSnapshot | undefined> {
  try {
    const run = await deps.platform.getRun(runId, budgetContext(deps, LAST_LOOK_BUDGET_MS, true));
    return TERMINAL_STATES.has(run.state) ? run : undefined;
  } catch {
    // Not readable now: the run is treated as still in progress, as before this look.
    return undefined;
  }
}

/**
 * Print what the run's log holds that was not printed yet, including the
 * section that was still running: on a timeout that is the part people need.
 * Bounded by LOG_FLUSH_BUDGET_MS; a failure is only a warning, and what an
 * earlier fetch held of that section is printed instead.
 */
export async function flushLogs(deps: OrchestratorDeps, printer: LogPrinter, runId: string): Promise<void> {
  try {
    const sections = await deps.platform.getLogs(runId, budgetContext(deps, LOG_FLUSH_BUDGET_MS, true));
    if (sections) printer.print(sections, true);
  } catch (error) {
    const earlier = printer.printHeld() > 0 ? '; printed what an earlier fetch held instead, which may end before the run did' : '';
    const why = deps.signal.aborted ? 'the job was cancelled' : budgetedFailure(error, LOG_FLUSH_BUDGET_MS);
    deps.host.log.warning(`Could not fetch the run's log: ${why}${earlier}`);
  }
}

/**
 * The test cases a timed-out run got through before it was revoked, for the
 * reports: after a long run stopped near its end, which cases failed is what
 * people need, and the API still lists them. Undefined when none can be read
 * within RESULTS_SO_FAR_BUDGET_MS (a warning) or there are none. Not on a
 * cancel: a cancelled job's few seconds go to the revoke. The platform's
 * warnings about them join `warnings` (see noteResults).
 */
export async function resultsSoFar(deps: OrchestratorDeps, runId: string, warnings: string[]): Promise<RunResults | undefined> {
  try {
    const read = await deps.platform.getResults(runId, budgetContext(deps, RESULTS_SO_FAR_BUDGET_MS, true));
    if (read.cases.length === 0 && read.counts.total === 0) return undefined;
    noteResults(deps, read, warnings, true);
    return read;
  } catch (error) {
    deps.host.log.warning(`Could not read the test cases the run got through: ${budgetedFailure(error, RESULTS_SO_FAR_BUDGET_MS)}`);
    return undefined;
  }
}

/**
 * Logs what was read of a run's results (see describeResults) and the
 * platform's warnings about them, which also join `warnings`, the report's:
 * the same for a run that ended and for what a timed-out one got through.
 */
export function noteResults(deps: OrchestratorDeps, read: RunResults, warnings: string[], soFar = false): void {
  deps.host.log.info(describeResults(read, soFar));
  for (const warning of read.warnings ?? []) {
    deps.host.log.warning(warning);
    warnings.push(warning);
  }
}

/**
 * One line saying what was read (for the results group, or of a timed-out
 * run, `soFar`, what it got through), so neither stands without a word.
 */
export function describeResults({ counts, cases, suites }: RunResults, soFar = false): string {
  const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
  return (
    `Read ${count(cases.length, 'test case')}${soFar ? ' the run got through,' : ''} from ${count(suites.length, 'suite')}: ` +
    `${counts.passed} passed, ${counts.failed} failed, ${counts.unavailable} unavailable of ${counts.total}.`
  );
}

/**
 * The step is stopping before it could report results: set the outputs
 * (status TIMED_OUT or CANCELLED, `endedStatus` when the caller knows better:
 * the run's own status when it had ended, UNKNOWN, NOT_STARTED),
 * write the summary and JUnit (and, unless cancelled, the comment and the
 * workflow artifact) saying why, then return the error to throw. A cancelled
 * job has seconds before the runner kills it, which the revoke needs more
 * than an upload; a timed-out one still has its JUnit to hand on.
 */
export async function reportStop(
  deps: OrchestratorDeps,
  base: Omit<RunReport, 'status' | 'verdict' | 'verdictReason'>,
  outputs: Partial<Outputs>,
  failure: Error,
  cause: StopCause | 'failed',
  endedStatus?: string,
): Promise<Error> {
  const status = endedStatus ?? (cause === 'cancelled' ? StopStatus.Cancelled : StopStatus.TimedOut);
  const reason = deps.describeFailure?.(failure) ?? failure.message;
  // How long the run was followed, as the output says, when the report has no duration of its own.
  const followed = outputs['duration-seconds'] !== undefined && base.durationSeconds === undefined ? { durationSeconds: Number(outputs['duration-seconds']) } : {};
  const report: RunReport = { ...base, ...followed, status, verdict: 'failed', verdictReason: reason };
  // Counts already read (a stop while the artifact was fetched) are outputs too, as the summary shows them.
  const stopped: Partial<Outputs> = { ...outputs, ...(base.counts ? countOutputs(base.counts) : {}), status };
  deps.host.setOutputs(stopped);
  const notCancelled = cause !== 'cancelled';
  const junitPath = await publishReports(deps, report, {
    comment: notCancelled && deps.settings.comment,
    // The artifact keeps a run's results: with no run there is nothing of it to keep.
    artifact: notCancelled && base.runId !== undefined && deps.settings.uploadArtifact,
  });
  if (junitPath) deps.host.setOutputs({ ...stopped, 'junit-path': junitPath });
  return failure;
}

/** The case-count outputs, set wherever the counts are known. */
export function countOutputs(counts: CaseCounts): Pick<Outputs, 'passed' | 'failed' | 'unavailable' | 'total'> {
  return { passed: String(counts.passed), failed: String(counts.failed), unavailable: String(counts.unavailable), total: String(counts.total) };
}
