import { describe, expect, it } from '@jest/globals';
import type { ZodType } from 'zod';
import { AmbiguousRunError, HttpError, NetworkError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import { createRunOnce } from '../../src/providers/testing-studio/run-creator.js';

const PROJECT = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';
const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
const run = (runId: string, group: string | null = null) => ({ runId, status: 'PENDING', group, utterance: null, description: null });

/** An ApiClient whose list answers and create outcomes are scripted, recording every call. */
function scriptedClient(lists: unknown[][], creates: (unknown | Error)[]): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  const parse = <T>(schema: ZodType<T>, data: unknown): T => schema.parse({ data });
  return {
    calls,
    getJson: async (path, schema) => {
      calls.push(`GET ${path}`);
      return parse(schema, lists.shift() ?? []);
    },
    postJson: async (path, _body, schema) => {
      calls.push(`POST ${path}`);
      const next = creates.shift();
      if (next instanceof Error) throw next;
      return parse(schema, [next]);
    },
    postEmpty: async () => undefined,
    postFile: async () => undefined,
    download: async () => ({ bytes: 0 }),
  };
}

describe('createRunOnce', () => {
  it('creates a run with one POST when nothing goes wrong', async () => {
    const client = scriptedClient([[run('old')]], [run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined)).resolves.toMatchObject({ runId: 'new' });
    expect(client.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('adopts the one new run with our filters after a 500, ignoring runs with other filters', async () => {
    const client = scriptedClient(
      [[run('old')], [run('mine', 'smoke'), run('theirs', 'regression'), run('old')]],
      [new HttpError('POST', '/api/runs/', 500, undefined)],
    );
    const created = await createRunOnce(client, PROJECT, { group: 'smoke' }, ctx, () => undefined);
    expect(created.runId).toBe('mine');
    expect(client.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('tries once more when a connection lost after sending created nothing', async () => {
    const client = scriptedClient([[run('old')], [run('old')]], [new NetworkError('POST', '/api/runs/', 'ECONNRESET', true), run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined)).resolves.toMatchObject({ runId: 'new' });
    expect(client.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('refuses to guess when several new runs with our filters appeared', async () => {
    const client = scriptedClient([[], [run('a'), run('b')]], [new HttpError('POST', '/api/runs/', 502, undefined)]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/2 new runs.*a, b/);
  });

  it('gives up after two ambiguous failures that created nothing, so at most two POSTs are ever sent', async () => {
    const fail = (): HttpError => new HttpError('POST', '/api/runs/', 503, undefined);
    const client = scriptedClient([[], [], []], [fail(), fail(), run('never')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined)).rejects.toBeInstanceOf(AmbiguousRunError);
    expect(client.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('fails at once on a clear rejection such as 422, without listing runs again', async () => {
    const client = scriptedClient([[]], [new HttpError('POST', '/api/runs/', 422, 'field required')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined)).rejects.toThrow('field required');
    expect(client.calls).toEqual([`GET /api/projects/${PROJECT}/runs/`, 'POST /api/runs/']);
  });
});
