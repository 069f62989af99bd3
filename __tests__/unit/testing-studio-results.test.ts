import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import { answeringClient } from '../helpers/answering-client.js';
import { TestingStudioPlatform } from '../../src/providers/testing-studio/provider.js';

/**
 * A client whose run_stats call fails at once and whose other GETs answer
 * only when their signal aborts, recording the signal each one was given.
 */
function failingStatsClient(): { client: ApiClient; pending: Map<string, AbortSignal> } {
  const pending = new Map<string, AbortSignal>();
  const unused = (): never => {
    throw new Error('not used by getResults');
  };
  const client: ApiClient = {
    getJson: async <T>(path: string, _schema: unknown, ctx: CallContext): Promise<T> => {
      if (path.endsWith('/run_stats/')) throw new HttpError('GET', `http://127.0.0.1:1${path}`, 403, 'Forbidden');
      pending.set(path, ctx.signal);
      return new Promise<T>((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
    },
    postJson: unused,
    postEmpty: unused,
    postFile: unused,
    download: unused,
  };
  return { client, pending };
}

describe('TestingStudioPlatform.getResults', () => {
  it('abandons the other results requests when one fails, so none is left in flight to hold the step open', async () => {
    const { client, pending } = failingStatsClient();
    const platform = new TestingStudioPlatform({ client, projectId: 'p', onSecret: () => undefined, log: () => undefined, warning: () => undefined });
    const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
    await expect(platform.getResults('run-1', ctx)).rejects.toThrow('HTTP 403: Forbidden');
    expect([...pending.keys()].sort()).toEqual(['/api/runs/run-1/suites/', '/api/runs/run-1/test_cases/']);
    expect([...pending.values()].map((signal) => signal.aborted)).toEqual([true, true]);
    // The caller's own signal is left alone: the step goes on to report.
    expect(ctx.signal.aborted).toBe(false);
  });
});

describe('TestingStudioPlatform.getResults, when the run has no stats', () => {
  const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
  const cases = {
    data: [
      { testCaseName: 'greeting', status: 'pass' },
      { testCaseName: 'book_flight', status: 'fail' },
      { testCaseName: 'balance', status: 'unavailable' },
    ],
  };

  it.each([
    ['null', { data: null }],
    ['an empty list', { data: [] }],
    ['missing', {}],
  ])('counts the test cases when the stats data is %s, instead of failing the results', async (_label, stats) => {
    const client = answeringClient({
      '/api/runs/run-1/run_stats/': stats,
      '/api/runs/run-1/test_cases/': cases,
      '/api/runs/run-1/suites/': { data: [{ testSuiteName: 'suite_1' }] },
    });
    const platform = new TestingStudioPlatform({ client, projectId: 'p', onSecret: () => undefined, log: () => undefined, warning: () => undefined });
    const results = await platform.getResults('run-1', ctx);
    expect(results.counts).toEqual({ passed: 1, failed: 1, unavailable: 1, total: 3 });
    expect(results.suites).toEqual(['suite_1']);
  });

  /** The results of run-1 when its stats answer `stats` and its test cases the three above. */
  const resultsWithStats = (stats: Record<string, unknown>): ReturnType<TestingStudioPlatform['getResults']> => {
    const client = answeringClient({
      '/api/runs/run-1/run_stats/': { data: stats },
      '/api/runs/run-1/test_cases/': cases,
      '/api/runs/run-1/suites/': { data: [] },
    });
    const platform = new TestingStudioPlatform({ client, projectId: 'p', onSecret: () => undefined, log: () => undefined, warning: () => undefined });
    return platform.getResults('run-1', ctx);
  };

  it('takes a count the stats hold in another shape from the cases, rather than leaving the run without results', async () => {
    // pass from the cases; fail read as 0 but never below the one failed case listed, with the mismatch said.
    const results = await resultsWithStats({ pass: 'many', fail: '0', unavailable: 1 });
    expect(results.counts).toEqual({ passed: 1, failed: 1, unavailable: 1, total: 3 });
    expect(results.warnings).toEqual([
      "The run's stats count 0 failed and 1 unavailable, but its test cases list 1 failed and 1 unavailable; the larger counts are used.",
    ]);
  });

  it('says so when the stats count more failed cases than the run lists, as the summary lists only those', async () => {
    const results = await resultsWithStats({ pass: 1, fail: 5, unavailable: 1 });
    expect(results.counts).toEqual({ passed: 1, failed: 5, unavailable: 1, total: 7 });
    expect(results.warnings).toEqual([
      "The run's stats count 5 failed and 1 unavailable, but its test cases list 1 failed and 1 unavailable; the cases listed below are only those the run's test cases name.",
    ]);
  });

  it('has no warnings when the stats and the listed cases agree', async () => {
    expect((await resultsWithStats({ pass: 1, fail: 1, unavailable: 1 })).warnings).toBeUndefined();
  });
});

describe('TestingStudioPlatform.getRun', () => {
  const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
  const run = (status: string) => ({ data: [{ runId: 'run-1', projectId: 'p', status }] });

  it('warns once per undocumented status, naming it and the documented ones, and keeps polling it as still running', async () => {
    const answers: Record<string, unknown> = {};
    const client = answeringClient(answers);
    const warnings: string[] = [];
    const platform = new TestingStudioPlatform({ client, projectId: 'p', onSecret: () => undefined, log: () => undefined, warning: (m) => warnings.push(m) });
    const states: string[] = [];
    for (const status of ['PENDING', 'successful', 'SUCCESSFUL', 'Done', 'SUCCESS']) {
      answers['/api/runs/run-1'] = run(status);
      states.push((await platform.getRun('run-1', ctx)).state);
    }
    expect(states).toEqual(['queued', 'running', 'running', 'running', 'passed']);
    expect(warnings).toEqual([
      `Run run-1 reports the status "SUCCESSFUL", which the API does not document (PENDING, RETRY, STARTED, SUCCESS, FAILURE, REVOKED): it is taken for still running, until it changes or 'timeout' passes.`,
      expect.stringMatching(/^Run run-1 reports the status "DONE", which/),
    ]);
  });
});
