import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
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
