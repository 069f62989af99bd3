import { describe, expect, it } from '@jest/globals';
import { decideVerdict } from '../../src/core/verdict.js';

const counts = (passed: number, failed: number, unavailable: number) => ({
  passed,
  failed,
  unavailable,
  total: passed + failed + unavailable,
});

describe('decideVerdict', () => {
  it('passes a SUCCESS run with no failed case', () => {
    expect(decideVerdict('failed', 'passed', 'SUCCESS', counts(3, 0, 0))).toEqual({
      verdict: 'passed',
      reason: '3 of 3 test cases passed.',
    });
  });

  it('fails a FAILURE or REVOKED run under fail-on failed', () => {
    expect(decideVerdict('failed', 'failed', 'FAILURE', counts(2, 1, 0)).verdict).toBe('failed');
    const revoked = decideVerdict('failed', 'cancelled', 'REVOKED', counts(0, 0, 0));
    expect(revoked.verdict).toBe('failed');
    expect(revoked.reason).toMatch(/REVOKED/);
  });

  it('fails a SUCCESS run that still reports a failed case', () => {
    const v = decideVerdict('failed', 'passed', 'SUCCESS', counts(2, 1, 0));
    expect(v.verdict).toBe('failed');
    expect(v.reason).toContain('1 of 3 test cases failed');
  });

  it('fails a SUCCESS run that ran no test case, as a filter matching nothing would, unless fail-on is never', () => {
    const none = decideVerdict('failed', 'passed', 'SUCCESS', counts(0, 0, 0));
    expect(none).toEqual({ verdict: 'failed', reason: 'The run ran no test cases (check the group, utterance and description filters and the suites).' });
    expect(decideVerdict('unavailable', 'passed', 'SUCCESS', counts(0, 0, 0)).verdict).toBe('failed');
    const tolerated = decideVerdict('never', 'passed', 'SUCCESS', counts(0, 0, 0));
    expect(tolerated.verdict).toBe('passed');
    expect(tolerated.reason).toContain('ran no test cases');
  });

  it('tolerates unavailable cases unless fail-on is unavailable', () => {
    expect(decideVerdict('failed', 'passed', 'SUCCESS', counts(2, 0, 1)).verdict).toBe('passed');
    const strict = decideVerdict('unavailable', 'passed', 'SUCCESS', counts(2, 0, 1));
    expect(strict.verdict).toBe('failed');
    expect(strict.reason).toContain('1 of 3 test cases were unavailable');
  });

  it('never fails on results under fail-on never, but still says what happened', () => {
    const v = decideVerdict('never', 'failed', 'FAILURE', counts(1, 2, 0));
    expect(v.verdict).toBe('passed');
    expect(v.reason).toMatch(/2 of 3 test cases failed.*fail-on is 'never'/);
  });
});
