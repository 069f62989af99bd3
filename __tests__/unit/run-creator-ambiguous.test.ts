// createRunOnce after a Create Run whose outcome is unclear: which new run it adopts, when it posts once more, and when it refuses to guess.
import { describe, expect, it } from '@jest/globals';
import { AmbiguousRunError, HttpError, NetworkError, ResponseShapeError } from '../../src/core/errors.js';
import type { RunFilters } from '../../src/core/model.js';
import type { CallContext } from '../../src/core/provider.js';
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry-policy.js';
import { CREATE_SETTLE_POLICY, createRunOnce } from '../../src/providers/testing-studio/run-creator.js';
import { PROJECT, ctx, lists, posts, recordingJournal, run, scriptedClient, timing } from '../helpers/run-creator-fakes.js';

const unreadable = (): ResponseShapeError => new ResponseShapeError('/api/runs/', 'data.0.runId: expected string, received undefined');

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

  it('adopts only the new run whose group, utterance and description all match ours', async () => {
    const filters: RunFilters = { group: 'smoke', utterance: 'book a flight', description: 'nightly' };
    const withFilters = (runId: string, f: RunFilters) => ({ ...run(runId), group: f.group ?? null, utterance: f.utterance ?? null, description: f.description ?? null });
    const client = scriptedClient(
      [
        [],
        [
          withFilters('other-utterance', { ...filters, utterance: 'cancel a flight' }),
          withFilters('no-utterance', { ...filters, utterance: undefined }),
          withFilters('other-description', { ...filters, description: 'hourly' }),
          withFilters('no-description', { ...filters, description: undefined }),
          withFilters('mine', filters),
        ],
      ],
      [new HttpError('POST', '/api/runs/', 502, undefined)],
    );
    const created = await createRunOnce(client, PROJECT, filters, ctx, () => undefined, timing());
    expect(created.runId).toBe('mine');
    expect(posts(client)).toBe(1);
  });

  it('treats a 408 on Create Run as ambiguous: lists the runs and adopts the new one instead of failing or posting again', async () => {
    const client = scriptedClient([[run('old')], [run('old'), run('new')]], [new HttpError('POST', '/api/runs/', 408, 'Request Timeout')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing())).resolves.toMatchObject({ runId: 'new' });
    expect(posts(client)).toBe(1);
    expect(lists(client)).toBe(2);
  });

  it('tries once more when a connection lost after sending created nothing', async () => {
    const client = scriptedClient([[run('old')], [run('old')]], [new NetworkError('POST', '/api/runs/', 'ECONNRESET', true), run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing())).resolves.toMatchObject({ runId: 'new' });
    expect(client.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('fails saying a run may exist, without posting again, when the new run it would adopt is listed in a shape it cannot follow', async () => {
    const client = scriptedClient([[run('old')], [run('old'), { ...run('new'), status: null }]], [new HttpError('POST', '/api/runs/', 500, undefined)]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toBe(
      'Create Run failed (POST /api/runs/ failed with HTTP 500); run new, the one new run with our filters, is listed, but in a shape ' +
        'that cannot be followed (data.status: expected string, received null).',
    );
    expect(posts(client)).toBe(1);
  });

  it('never posts again when the new run lists our filter in another type (a group "2024" sent back as 2024)', async () => {
    const listedAs = { runId: 'new', status: 'PENDING', group: 2024, utterance: null, description: null };
    const client = scriptedClient([[], [listedAs], [listedAs], [listedAs], [listedAs]], [new HttpError('POST', '/api/runs/', 502, 'Bad Gateway'), run('second', '2024')]);
    const error = await createRunOnce(client, PROJECT, { group: '2024' }, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toContain('run new, the one new run with our filters, is listed, but in a shape that cannot be followed');
    expect(posts(client)).toBe(1);
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
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing())).rejects.toBeInstanceOf(AmbiguousRunError);
    expect(client.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
  });

  it('fails at once on a clear rejection such as 422, without listing runs again', async () => {
    const client = scriptedClient([[]], [new HttpError('POST', '/api/runs/', 422, 'field required')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined)).rejects.toThrow('field required');
    expect(client.calls).toEqual([`GET /api/projects/${PROJECT}/runs/`, 'POST /api/runs/']);
  });

  it('honours Retry-After before the one extra try after an ambiguous failure, counting the settle window towards it', async () => {
    const t = timing();
    const client = scriptedClient([[], []], [new HttpError('POST', '/api/runs/', 503, 'busy', 10_000), run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined, t)).resolves.toMatchObject({ runId: 'new' });
    // 7 s spent looking for a late run, then the 3 s left of the 10 s asked for.
    expect(t.clock.sleeps).toEqual([...CREATE_SETTLE_POLICY.recheckDelaysMs, 3_000]);
  });

  it('waits what is left of a jittered backoff before the extra try when the server sent no Retry-After', async () => {
    const t = timing({ settle: { recheckDelaysMs: [100] } });
    const client = scriptedClient([[], []], [new NetworkError('POST', '/api/runs/', 'ECONNRESET', true), run('new')]);
    await createRunOnce(client, PROJECT, {}, ctx, () => undefined, t);
    // Full jitter over the first backoff window, [0, baseDelayMs): 250 ms from the failure, 100 of them already spent looking.
    expect(t.clock.sleeps).toEqual([100, DEFAULT_RETRY_POLICY.baseDelayMs * 0.5 - 100]);
  });
});

describe('createRunOnce after a 2xx whose answer cannot be read', () => {
  it('adopts the one new run with our filters and never posts again', async () => {
    const client = scriptedClient([[run('old')], [run('old'), run('mine', 'smoke'), run('theirs', 'nightly')]], [unreadable(), run('twin')]);
    const created = await createRunOnce(client, PROJECT, { group: 'smoke' }, ctx, () => undefined, timing());
    expect(created.runId).toBe('mine');
    expect(posts(client)).toBe(1);
  });

  it('fails saying a run was probably created when no new run can be found, and does not post again', async () => {
    const client = scriptedClient([[], []], [unreadable(), run('twin')]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/succeeded but its answer could not be read .*data\.0\.runId/);
    expect((error as Error).message).toMatch(/a run was probably created and could not be identified \(no new run/);
    expect(posts(client)).toBe(1);
  });

  it('fails naming the candidates when several new runs with our filters appeared', async () => {
    const client = scriptedClient([[], [run('a'), run('b')]], [unreadable(), run('twin')]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/probably created .*2 new runs .*\(a, b\)/);
    expect(posts(client)).toBe(1);
  });
});

describe('createRunOnce when the runs cannot be listed after an ambiguous failure', () => {
  it('says the run may have been started, naming both failures', async () => {
    const client = scriptedClient(
      [[], new HttpError('GET', '/api/projects/p/runs/', 503, 'Service Unavailable')],
      [new HttpError('POST', '/api/runs/', 502, 'Bad Gateway')],
    );
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toBe(
      "Create Run failed (POST /api/runs/ failed with HTTP 502: Bad Gateway) and the project's runs could not be listed " +
        '(GET /api/projects/p/runs/ failed with HTTP 503: Service Unavailable); a run may have been started.',
    );
    expect(posts(client)).toBe(1);
  });

  it('says a run was probably started when the listing fails after a 2xx it could not read', async () => {
    const client = scriptedClient([[], new NetworkError('GET', '/api/projects/p/runs/', 'ECONNRESET', true)], [unreadable()]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/could not be listed \(GET .* ECONNRESET\); a run was probably started\.$/);
  });

  it('lets a cancellation during the listing through as it is', async () => {
    const controller = new AbortController();
    const reason = Object.assign(new Error('cancelled'), { name: 'AbortError' });
    controller.abort(reason);
    const aborted: CallContext = { signal: controller.signal, deadline: Number.MAX_SAFE_INTEGER };
    const client = scriptedClient([[], reason], [new HttpError('POST', '/api/runs/', 502, undefined)]);
    await expect(createRunOnce(client, PROJECT, {}, aborted, () => undefined, timing())).rejects.toBe(reason);
  });
});

describe('createRunOnce after a redirect the POST was answered with', () => {
  // A 303 turns the POST into a GET: a failure on that hop means the POST itself was answered, and may have created the run.
  it.each([
    ['a 404 on the GET after a 303', new HttpError('GET', 'https://api.example/api/runs/r-1/', 404, 'Not found')],
    ['a 429 on the GET after a 303', new HttpError('GET', 'https://api.example/api/runs/r-1/', 429, undefined, 1_000)],
    ['a connect failure on the GET after a 303', new NetworkError('GET', 'https://files.example/api/runs/r-1/', 'ECONNREFUSED', true)],
  ])('treats %s as ambiguous: lists the runs, adopts the new one and never posts again', async (_what, error) => {
    const journal = recordingJournal();
    const client = scriptedClient([[run('old')], [run('old'), run('created')]], [error, run('twin')]);
    const created = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, { ...timing(), journal });
    expect(created.runId).toBe('created');
    expect(posts(client)).toBe(1);
    expect(journal.events).toEqual(['sending']);
  });
});
