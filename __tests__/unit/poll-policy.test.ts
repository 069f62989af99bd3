import { describe, expect, it } from '@jest/globals';
import { ADAPTIVE_POLL_POLICY, LOG_FETCH_POLICY, fixedPollPolicy, nextPollDelay } from '../../src/core/poll-policy.js';

/** Number of checks the policy makes over a run of `durationMs`, and the lag after it ends. */
function simulate(durationMs: number, policy = ADAPTIVE_POLL_POLICY): { checks: number; lagMs: number } {
  let t = 0;
  let checks = 0;
  while (t < durationMs) {
    t += nextPollDelay(policy, t);
    checks++;
  }
  return { checks, lagMs: t - durationMs };
}

describe('adaptive poll policy', () => {
  it('checks every half second at first, so a short run is noticed within 0.5 s', () => {
    expect(nextPollDelay(ADAPTIVE_POLL_POLICY, 0)).toBe(500);
    expect(simulate(4_000).lagMs).toBeLessThanOrEqual(500);
    expect(simulate(1_200).lagMs).toBeLessThanOrEqual(500);
  });

  it('makes at most 60 status checks for a 10-minute run', () => {
    expect(simulate(600_000).checks).toBeLessThanOrEqual(60);
  });

  it('costs at most a few checks per minute once a run is long', () => {
    const perMinute = 60_000 / nextPollDelay(ADAPTIVE_POLL_POLICY, 3_600_000);
    expect(perMinute).toBeLessThanOrEqual(3);
  });

  it('never waits more than 25 s, so even a run of hours is seen to end within 25 s', () => {
    expect(nextPollDelay(ADAPTIVE_POLL_POLICY, 3_600_000)).toBe(25_000);
    expect(nextPollDelay(ADAPTIVE_POLL_POLICY, 24 * 3_600_000)).toBe(25_000);
    expect(simulate(6 * 3_600_000).lagMs).toBeLessThanOrEqual(25_000);
  });

  it('never waits less than before as the run gets older', () => {
    let previous = 0;
    for (let t = 0; t < 1_000_000; t += 7_000) {
      const delay = nextPollDelay(ADAPTIVE_POLL_POLICY, t);
      expect(delay).toBeGreaterThanOrEqual(previous);
      previous = delay;
    }
  });
});

describe('fixed poll policy', () => {
  it('always waits the configured interval', () => {
    const policy = fixedPollPolicy(2_000);
    expect([0, 10_000, 3_600_000].map((t) => nextPollDelay(policy, t))).toEqual([2_000, 2_000, 2_000]);
  });
});

describe('log fetch policy', () => {
  it('reads the log every 3 s at first and at most once a minute once the run is long', () => {
    expect(nextPollDelay(LOG_FETCH_POLICY, 0)).toBe(3_000);
    expect(nextPollDelay(LOG_FETCH_POLICY, 60_000)).toBe(15_000);
    expect(nextPollDelay(LOG_FETCH_POLICY, 3_600_000)).toBe(60_000);
    expect(simulate(30 * 60_000, LOG_FETCH_POLICY).checks).toBeLessThanOrEqual(45);
  });
});
