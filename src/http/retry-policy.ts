/**
 * When and how long to wait between attempts of an HTTP call. Pure functions
 * over plain data so the policy can be unit-tested without a server or a
 * clock, and tuned by changing numbers rather than code.
 */
import { TRANSIENT_HTTP_STATUSES } from '../core/errors.js';

/** The numbers that drive retries. */
export interface RetryPolicy {
  /** Total attempts including the first one (1 = never retry). */
  maxAttempts: number;
  /** Backoff ceiling for the first retry; doubles on every further retry. */
  baseDelayMs: number;
  /** Upper bound for the computed (non-Retry-After) backoff. */
  maxDelayMs: number;
  /** HTTP statuses worth retrying on idempotent calls. */
  retryStatuses: readonly number[];
}

/** The policy the client uses unless told otherwise: 408, 429 and every 5xx but 501 and 505. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryStatuses: TRANSIENT_HTTP_STATUSES,
};

/**
 * Longest Retry-After we honour. A server asking for more than `maxDelayMs`
 * knows its own recovery time better than our backoff does, so we wait as
 * asked — but a misconfigured header (hours, days) must not stall a CI job.
 * The caller's deadline still applies on top of this.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Delay before the retry that follows failed attempt number `attempt`
 * (1-based: `attempt` = 1 means the first request just failed).
 *
 * Without Retry-After this is "full jitter" backoff (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"): a uniformly random delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`. Full jitter spreads
 * many clients that failed together (e.g. during a deploy) across the whole
 * window instead of letting them retry in lock-step.
 *
 * With Retry-After the server's value wins, even above `maxDelayMs` (capped at
 * {@link MAX_RETRY_AFTER_MS}), but never below a small jittered floor in
 * `[baseDelayMs/2, baseDelayMs)` — so `Retry-After: 0` sent to many clients
 * does not turn into a synchronised stampede.
 *
 * @param random returns a number in [0, 1), like Math.random (injected for tests)
 * @param retryAfterMs the parsed Retry-After, if the server sent a valid one
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const r = clampUnit(random());
  if (retryAfterMs !== undefined) {
    const floor = policy.baseDelayMs / 2 + (r * policy.baseDelayMs) / 2;
    return Math.round(Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs, floor)));
  }
  // Clamp the exponent so huge attempt numbers cannot overflow to Infinity.
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(r * ceiling);
}

/** Guards against a random source that strays outside [0, 1). */
function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}

/** IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT` and obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`. */
const IMF_OR_RFC850_DATE = /^[A-Z][a-z]{2,8}, \d{2}[ -][A-Z][a-z]{2}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;
/** asctime `Sun Nov  6 08:49:37 1994` — implicitly GMT, which Date.parse would read as local time. */
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Parses a Retry-After header (RFC 9110 §10.2.3) into milliseconds from
 * `nowMs`. Accepts delta-seconds (`120`) and an HTTP-date; a date in the past
 * means "now" (0). Anything else — negative, fractional, garbage — is
 * ignored (`undefined`) so the normal backoff applies.
 */
export function parseRetryAfter(header: string | readonly string[] | undefined, nowMs: number): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  if (/^\d+$/.test(value)) {
    // Delta-seconds too large to hold mean "a very long time" (RFC 9111 §1.2.2 caps them): the longest wait, capped
    // where retryDelayMs caps any Retry-After, rather than garbage to ignore and retry at once.
    const seconds = Number(value);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : Number.MAX_SAFE_INTEGER;
  }
  // Date.parse alone accepts far too much (e.g. "1.5"), so check the shape first.
  let at: number;
  if (IMF_OR_RFC850_DATE.test(value)) at = Date.parse(value);
  else if (ASCTIME_DATE.test(value)) at = Date.parse(`${value} GMT`);
  else return undefined;
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - nowMs);
}
