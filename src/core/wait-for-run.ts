import type { Clock } from './clock.js';
import type { Logger } from './ci-host.js';
import { errorMessage, isTransientError } from './errors.js';
import { LogFollower } from './log-follower.js';
import type { LogPrinter } from './log-printer.js';
import { TERMINAL_STATES, type RunSnapshot } from './model.js';
import { nextPollDelay, type PollPolicy } from './poll-policy.js';
import type { CallContext, TestPlatform } from './provider.js';

/** Failed status checks (after the client's own retries) tolerated in a row. */
export const MAX_CONSECUTIVE_POLL_FAILURES = 3;

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
  let failures = 0;
  const logs = printer && new LogFollower({ platform, clock, log, printer, ctx, runId: run.id, startedAt: options.startedAt });

  log.info(lastLine);
  try {
    while (!TERMINAL_STATES.has(run.state)) {
      if (clock.now() >= ctx.deadline) throw new DeadlineReached();
      logs?.tick();
      const delay = nextPollDelay(policy, clock.now() - options.startedAt);
      await clock.sleep(Math.min(delay, Math.max(0, ctx.deadline - clock.now())), ctx.signal);
      if (clock.now() >= ctx.deadline) throw new DeadlineReached();
      try {
        run = await platform.getRun(run.id, ctx);
        failures = 0;
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (!isTransientError(error) || ++failures >= MAX_CONSECUTIVE_POLL_FAILURES) throw error;
        log.warning(`Status check failed (${errorMessage(error)}); will check again.`);
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

function describe(run: RunSnapshot): string {
  const progress = run.progress ? ` (${run.progress.current}/${run.progress.total})` : '';
  return `Run ${run.id}: ${run.vendorStatus}${progress}`;
}
