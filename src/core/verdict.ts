import type { FailOn } from './settings.js';
import type { CaseCounts, RunState } from './model.js';

/** The step's verdict and one sentence explaining it. */
export interface Verdict {
  verdict: 'passed' | 'failed';
  reason: string;
}

/**
 * Decide whether the step fails, following the `fail-on` input:
 * - `failed`: the run ended FAILURE/REVOKED/errored, ran no test case at all, or any case failed;
 * - `unavailable`: as `failed`, and also when any case is unavailable;
 * - `never`: test results never fail the step.
 */
export function decideVerdict(failOn: FailOn, state: RunState, vendorStatus: string, counts: CaseCounts): Verdict {
  const problems: string[] = [];
  if (state !== 'passed') problems.push(`the run ended ${vendorStatus}`);
  // As test runners refuse "no tests found" (jest, pytest): a filter that matches nothing (a typo in group or
  // utterance) or a project with no suites would otherwise pass the gate having tested nothing.
  else if (counts.total === 0) problems.push('the run ran no test cases (check the group, utterance and description filters and the suites)');
  if (counts.failed > 0) problems.push(`${counts.failed} of ${counts.total} test cases failed`);
  if (failOn === 'unavailable' && counts.unavailable > 0) {
    problems.push(`${counts.unavailable} of ${counts.total} test cases were unavailable`);
  }
  if (problems.length === 0) {
    const unavailable = counts.unavailable > 0 ? ` (${counts.unavailable} unavailable)` : '';
    return { verdict: 'passed', reason: `${counts.passed} of ${counts.total} test cases passed${unavailable}.` };
  }
  const sentence = `${capitalise(problems.join('; '))}.`;
  if (failOn === 'never') return { verdict: 'passed', reason: `${sentence} Not failing the step because fail-on is 'never'.` };
  return { verdict: 'failed', reason: sentence };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
