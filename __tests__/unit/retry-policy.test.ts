import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RETRY_POLICY,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from '../../src/http/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 30_000, retryStatuses: [503] };
const almostOne = (): number => 0.999999;

describe('retryDelayMs without Retry-After (full jitter)', () => {
  it('doubles the backoff ceiling on every attempt until maxDelayMs caps it', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(policy, attempt, almostOne));
    const ceilings = [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000];
    delays.forEach((delay, i) => {
      const ceiling = ceilings[i] ?? 0;
      expect(delay).toBeLessThan(ceiling);
      expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.999));
    });
  });

  it('never exceeds maxDelayMs, even for absurd attempt numbers', () => {
    expect(retryDelayMs(policy, 1_000, almostOne)).toBeLessThan(policy.maxDelayMs);
    expect(Number.isFinite(retryDelayMs(policy, 1_000, almostOne))).toBe(true);
  });

  it('keeps jittered delays between 0 and the ceiling for any random value', () => {
    for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.999]) {
      const delay = retryDelayMs(policy, 3, () => r);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2000);
      expect(delay).toBe(Math.floor(r * 2000));
    }
  });

  it('treats a random source outside [0, 1) as the nearest valid value', () => {
    expect(retryDelayMs(policy, 1, () => -3)).toBe(0);
    expect(retryDelayMs(policy, 1, () => 7)).toBeLessThan(500);
    expect(retryDelayMs(policy, 1, () => Number.NaN)).toBe(0);
  });
});

describe('retryDelayMs with Retry-After', () => {
  it('waits exactly as long as the server asked when that is above the jitter floor', () => {
    expect(retryDelayMs(policy, 1, () => 0.5, 2000)).toBe(2000);
    expect(retryDelayMs(policy, 5, () => 0.5, 2000)).toBe(2000);
  });

  it('honours a Retry-After longer than maxDelayMs', () => {
    expect(retryDelayMs(policy, 1, () => 0.5, 90_000)).toBe(90_000);
  });

  it('caps an unreasonable Retry-After at five minutes', () => {
    expect(retryDelayMs(policy, 1, () => 0.5, 3_600_000)).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(300_000);
  });

  it('applies a jittered floor of half to one base delay when the server says 0', () => {
    expect(retryDelayMs(policy, 1, () => 0, 0)).toBe(250);
    expect(retryDelayMs(policy, 1, () => 0.5, 0)).toBe(375);
    const high = retryDelayMs(policy, 1, almostOne, 0);
    expect(high).toBeGreaterThanOrEqual(250);
    expect(high).toBeLessThanOrEqual(500);
  });
});

describe('DEFAULT_RETRY_POLICY', () => {
  it('keeps its attempt and backoff numbers', () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 });
  });

  it('retries 408, 429 and every 5xx except 501 and 505, which are permanent by definition', () => {
    const retried = Array.from({ length: 500 }, (_, i) => 100 + i).filter((status) => DEFAULT_RETRY_POLICY.retryStatuses.includes(status));
    const serverErrors = Array.from({ length: 100 }, (_, i) => 500 + i).filter((status) => status !== 501 && status !== 505);
    expect(retried).toEqual([408, 429, ...serverErrors]);
    expect(retried).toEqual(expect.arrayContaining([500, 502, 503, 504, 507, 508, 509, 520, 599]));
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-03-01T12:00:00Z');

  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads delta-seconds too large for a number as the longest wait, which retryDelayMs caps like any other', () => {
    const huge = parseRetryAfter('9007199254740992', now); // 2^53 s: not a safe integer
    expect(huge).toBeGreaterThan(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0.5, huge)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0.5, parseRetryAfter('9'.repeat(400), now))).toBe(MAX_RETRY_AFTER_MS);
  });

  it('uses the first value when the header is repeated', () => {
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
  });

  it('reads an IMF-fixdate HTTP-date relative to now', () => {
    expect(parseRetryAfter('Fri, 01 Mar 2024 12:00:10 GMT', now)).toBe(10_000);
  });

  it('reads the obsolete RFC 850 and asctime date forms as GMT', () => {
    expect(parseRetryAfter('Friday, 01-Mar-24 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri Mar  1 12:00:30 2024', now)).toBe(30_000);
  });

  it('treats a date in the past as "retry now"', () => {
    expect(parseRetryAfter('Thu, 29 Feb 2024 12:00:00 GMT', now)).toBe(0);
  });

  it.each([
    ['a missing header', undefined],
    ['an empty value', ''],
    ['a word', 'soon'],
    ['a negative number', '-5'],
    ['a fraction', '1.5'],
    ['a number with a unit', '2 seconds'],
    ['a date without a time', 'Fri, 01 Mar 2024'],
    ['an impossible date', 'Mon, 32 Foo 2024 99:99:99 GMT'],
    ['an ISO timestamp', '2024-03-01T12:00:10Z'],
  ])('ignores %s', (_label, header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
