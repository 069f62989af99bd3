import type { getOctokit } from '@actions/github';
import type { Clock } from '../../core/clock.js';
import { timeoutSignal } from '../../core/timeout-signal.js';

/** The Octokit client `@actions/github` hands out. */
type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * Time one GitHub request may take, answer included. Octokit sets none, and
 * a GitHub API or proxy that stops answering would otherwise hold
 * "Publishing reports" for minutes per request after the verdict is known.
 */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/** A GitHub request that got no answer within {@link GITHUB_REQUEST_TIMEOUT_MS} (or the limit given). */
export class GitHubTimeoutError extends Error {
  override readonly name = 'GitHubTimeoutError';
  constructor(method: string, url: string, timeoutMs: number) {
    super(`GitHub did not answer ${method} ${url} within ${timeoutMs / 1000} s`);
  }
}

/** Longest wait worth spending on one refused request: the tests have ended, only the report is waiting. */
export const RATE_LIMIT_MAX_WAIT_MS = 60_000;

/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

/** All the waiting one client may do, over all its requests: the comment is a few requests, and none may hold the step for long. */
export const RATE_LIMIT_TOTAL_WAIT_MS = 120_000;

/** Attempts of one request in all, so a limit that persists ends in a warning rather than a stuck step. */
const MAX_ATTEMPTS = 3;

/** The parts of Octokit's RequestError read here, checked by shape (it may come from another realm under jest). */
interface RefusedRequest {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown> };
}

/**
 * How long GitHub asks us to wait before sending a refused request again, or
 * undefined when the refusal is not a rate limit (a 403 for a missing
 * permission, say, is final). As GitHub documents it: a 403 or 429 with
 * `retry-after` (seconds) is a secondary limit; one with
 * `x-ratelimit-remaining: 0` waits until `x-ratelimit-reset` (epoch
 * seconds); a secondary limit that says neither waits a minute.
 */
export function rateLimitWaitMs(error: unknown, now: number): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, message, response } = error as RefusedRequest;
  if (status !== 403 && status !== 429) return undefined;
  const header = (name: string): string | undefined => {
    const value = response?.headers?.[name];
    return value === undefined || value === null ? undefined : String(value);
  };
  const retryAfter = Number(header('retry-after') ?? NaN);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const reset = Number(header('x-ratelimit-reset') ?? NaN);
  if (header('x-ratelimit-remaining') === '0' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  if (status === 429 || /rate limit/i.test(typeof message === 'string' ? message : '')) return SECONDARY_LIMIT_WAIT_MS;
  return undefined;
}

/** How {@link applyRequestPolicy} treats each request. */
export interface RequestPolicyOptions {
  /** Clock for the rate-limit waits. */
  clock: Clock;
  /** Told of each rate-limit wait, so a minute of silence in the log has a reason. */
  onWait?: (ms: number) => void;
  /** Per-request time limit; default {@link GITHUB_REQUEST_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * Makes every request of `octokit` give up after `timeoutMs`, and wait out a
 * rate limit and try again, at most {@link MAX_ATTEMPTS} times, never waiting
 * longer than {@link RATE_LIMIT_MAX_WAIT_MS} at once nor
 * {@link RATE_LIMIT_TOTAL_WAIT_MS} in all. Many jobs of one workflow (a
 * matrix) commenting at the same moment is exactly what GitHub's secondary
 * limit on content creation refuses; a refused request did nothing, so even
 * a create is safe to send again. A timed-out request is not sent again: a
 * create may have been done.
 */
export function applyRequestPolicy(octokit: GitHubClient, options: RequestPolicyOptions): void {
  const { clock, onWait = () => {}, timeoutMs = GITHUB_REQUEST_TIMEOUT_MS } = options;
  let waited = 0;
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        // Set on the options object itself: the hooks inside this one were bound to it, and a copy passed on
        // would be dropped by them (before-after-hook binds each wrapped hook's options).
        const signal = timeoutSignal(timeoutMs);
        requestOptions.request = { ...requestOptions.request, signal };
        try {
          return await request(requestOptions);
        } catch (error) {
          // Octokit wraps the abort as "Unknown Error" or a status-500 one: say what happened instead.
          throw signal.aborted ? new GitHubTimeoutError(requestOptions.method, requestOptions.url, timeoutMs) : error;
        }
      } catch (error) {
        const wait = rateLimitWaitMs(error, clock.now());
        if (wait === undefined || wait > RATE_LIMIT_MAX_WAIT_MS || attempt >= MAX_ATTEMPTS || waited + wait > RATE_LIMIT_TOTAL_WAIT_MS) throw error;
        waited += wait;
        onWait(wait);
        await clock.sleep(wait);
      }
    }
  });
}
