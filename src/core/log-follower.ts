import type { Clock } from './clock.js';
import type { Logger } from './ci-host.js';
import { budgetedFailure, isAbortError, isTransientError } from './errors.js';
import type { LogPrinter } from './log-printer.js';
import { LOG_FETCH_POLICY, nextPollDelay } from './poll-policy.js';
import type { CallContext, TestPlatform } from './provider.js';
import { timeoutSignal } from './timeout-signal.js';

/** Time one log fetch made while waiting may take, its retries included. */
export const LOG_FETCH_BUDGET_MS = 10_000;

/**
 * Fetches a run's log while the poll loop waits, beside the status checks
 * rather than between them. The log is a courtesy: a logs endpoint that is
 * slow, rate-limited (a long Retry-After) or hanging must never delay the
 * status check that notices the run ended, so a fetch runs in the
 * background, one at a time, each within LOG_FETCH_BUDGET_MS.
 */
export class LogFollower {
  private inFlight: Promise<void> | undefined;
  private nextFetch: number;
  private warned = false;
  /** Set after a failure that asking again will not mend (a 403, an answer of the wrong shape). */
  private givenUp = false;
  private readonly stopped = new AbortController();

  constructor(
    private readonly options: {
      platform: TestPlatform;
      clock: Clock;
      log: Logger;
      printer: LogPrinter;
      ctx: CallContext;
      runId: string;
      /** When the run was started: LOG_FETCH_POLICY counts from here. */
      startedAt: number;
    },
  ) {
    this.nextFetch = options.clock.now();
  }

  /** Starts a fetch when one is due (LOG_FETCH_POLICY) and none is under way; never waits for it. */
  tick(): void {
    const { clock, startedAt } = this.options;
    const now = clock.now();
    if (this.inFlight || this.givenUp || this.stopped.signal.aborted || now < this.nextFetch) return;
    this.nextFetch = now + nextPollDelay(LOG_FETCH_POLICY, now - startedAt);
    this.inFlight = this.fetch().finally(() => {
      this.inFlight = undefined;
    });
  }

  /** Abandons a fetch under way (the caller's last fetch replaces it) and waits until it has let go. */
  async stop(): Promise<void> {
    this.stopped.abort();
    await this.inFlight;
  }

  /**
   * Never rejects: a failure is a warning, said once. After a failure that
   * is not transient no more fetches are made while waiting: each would
   * download the whole log again (up to the client's 32 MiB JSON limit) to
   * fail the same way. The last fetch, once the run ended, still tries.
   */
  private async fetch(): Promise<void> {
    const { platform, clock, log, printer, ctx, runId } = this.options;
    const budget: CallContext = {
      signal: AbortSignal.any([ctx.signal, this.stopped.signal, timeoutSignal(LOG_FETCH_BUDGET_MS)]),
      deadline: Math.min(ctx.deadline, clock.now() + LOG_FETCH_BUDGET_MS),
    };
    try {
      const sections = await platform.getLogs(runId, budget);
      if (sections && !this.stopped.signal.aborted) printer.print(sections, false);
    } catch (error) {
      if (ctx.signal.aborted || this.stopped.signal.aborted) return;
      this.givenUp = !isAbortError(error) && !isTransientError(error);
      if (this.warned) return;
      this.warned = true;
      log.warning(`Could not fetch the run's log: ${budgetedFailure(error, LOG_FETCH_BUDGET_MS)}${this.givenUp ? '; not trying again until the run ends' : ''}`);
    }
  }
}
