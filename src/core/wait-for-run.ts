import type { Clock } from './clock.js';
import type { Logger } from './ci-host.js';
import { errorMessage, isTransientError } from './errors.js';
import { LogFollower } from './log-follower.js';
import type { LogPrinter } from './log-printer.js';
import { TERMINAL_STATES, type RunSnapshot } from './model.js';
import { nextPollDelay, type PollPolicy } from './poll-policy.js';
import type { CallContext, TestPlatform } from './provider.js';

/**
 * How long the run's status may stay unreadable (transient failures: 5xx,
 * 429, lost connections, each after the client's own retries) before the step
 * stops following the run and revokes it. Long enough to ride out a backend
 * deploy or a gateway restart: giving up sooner would revoke a healthy run
 * over an API blip. The deadline still applies.
 */
export const STATUS_OUTAGE_TOLERANCE_MS = 5 * 60_000;

/** Everything the poll loop needs. */
export interface WaitOptions {
  platform: TestPlatform;
  clock: Clock;
  log: Logger;
  policy: PollPolicy;
  ctx: CallContext;
  /** Prints the run's log while waiting; none when logs are not shown. */
  printer?: LogPrinter;
  /**
   * The last log fetch once the run is terminal. It has a budget of its own
   * and only warns on failure: a run that ended must never turn into a
   * timeout because its log was slow to fetch.
   */
  flushLogs: () => Promise<void>;
  /** When we started the run (the adaptive schedule counts from here). */
  startedAt: number;
}

/** Raised from inside the loop when `ctx.deadline` has passed. */
export class DeadlineReached extends Error {
  override readonly name = 'DeadlineReached';
}

/**
 * Poll until the run is terminal. Never sleeps past the deadline; throws
 * DeadlineReached when it passes, or the signal's reason when aborted.
 */
export async function waitForRun(first: RunSnapshot, options: WaitOptions): Promise<RunSnapshot> {
  const { platform, clock, log, policy, ctx, printer } = options;
  let run = first;
  let lastLine = describe(run);
  /** When the current run of failed status checks began; undefined while checks succeed. */
  let failingSince: number | undefined;
  const logs = printer && new LogFollower({ platform, clock, log, printer, ctx, runId: run.id, startedAt: options.startedAt });

  log.info(lastLine);
  try {
    while (!TERMINAL_STATES.has(run.state)) {
      if (clock.now() >= ctx.deadline) throw new DeadlineReached();
      logs?.tick();
      const delay = nextPollDelay(policy, clock.now() - options.startedAt);
      await clock.sleep(Math.min(delay, Math.max(0, ctx.deadline - clock.now())), ctx.signal);
      if (clock.now() >= ctx.deadline) throw new DeadlineReached();
      const checkedAt = clock.now();
      try {
        run = await platform.getRun(run.id, ctx);
        if (failingSince !== undefined) log.info(`Status check answered again after ${formatSeconds(clock.now() - failingSince)}.`);
        failingSince = undefined;
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (!isTransientError(error)) throw error;
        const first = failingSince === undefined;
        failingSince ??= checkedAt;
        if (clock.now() - failingSince >= STATUS_OUTAGE_TOLERANCE_MS) throw error;
        // One warning per outage: the later failures of the same outage are info lines, not a pile of annotations.
        const line = `Status check failed (${errorMessage(error)}); will keep checking for up to ${STATUS_OUTAGE_TOLERANCE_MS / 60_000} min.`;
        if (first) log.warning(line);
        else log.info(line);
        continue;
      }
      const line = describe(run);
      if (line !== lastLine) log.info(line);
      lastLine = line;
    }
  } finally {
    // A log fetch still under way is aborted rather than waited for: the last fetch (or none, on a cancel) follows.
    await logs?.stop();
  }
  if (printer) await options.flushLogs();
  return run;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function describe(run: RunSnapshot): string {
  const progress = run.progress ? ` (${run.progress.current}/${run.progress.total})` : '';
  return `Run ${run.id}: ${run.vendorStatus}${progress}`;
}
