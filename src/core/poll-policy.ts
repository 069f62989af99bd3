/**
 * How long to wait between status checks. Data-driven so the schedule can be
 * reasoned about (and unit-tested) without a clock.
 *
 * The adaptive schedule waits `growth × elapsed`, clamped to [minMs, maxMs]:
 * 0.5 s for the first ~4 s (a short run is noticed within half a second),
 * then proportionally longer, so a 10-minute run costs ~57 status requests
 * and a long one at most 2–3 per minute.
 */
export interface PollPolicy {
  /** Shortest wait between two checks. */
  minMs: number;
  /** Longest wait between two checks. */
  maxMs: number;
  /** Fraction of the run's elapsed time to wait (0 for a fixed interval). */
  growth: number;
}

/** The default (`poll-interval: auto`) schedule. */
export const ADAPTIVE_POLL_POLICY: PollPolicy = { minMs: 500, maxMs: 25_000, growth: 0.13 };

/**
 * When the run's log is fetched while waiting (`show-logs`), whatever the
 * status schedule: every 3 s at first, then a quarter of the run's age,
 * capped at a minute. Each fetch downloads the whole log (the endpoint has no
 * incremental query) and a section is printed once it is over, so a long
 * run's log is read about once a minute: with the status checks, ~3.5
 * requests a minute, and a 10 MB log is not downloaded every 25 s.
 */
export const LOG_FETCH_POLICY: PollPolicy = { minMs: 3_000, maxMs: 60_000, growth: 0.25 };

/** A fixed interval, for `poll-interval: <seconds>`. */
export function fixedPollPolicy(intervalMs: number): PollPolicy {
  return { minMs: intervalMs, maxMs: intervalMs, growth: 0 };
}

/** Milliseconds to wait before the next check, given how long the run has been going. */
export function nextPollDelay(policy: PollPolicy, elapsedMs: number): number {
  const proportional = policy.growth * Math.max(0, elapsedMs);
  return Math.round(Math.min(policy.maxMs, Math.max(policy.minMs, proportional)));
}
