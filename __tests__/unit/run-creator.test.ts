import { describe, expect, it } from '@jest/globals';
import type { ZodType } from 'zod';
import { FakeClock } from '../../src/core/clock.js';
import { AmbiguousRunError, HttpError, NetworkError, ResponseShapeError } from '../../src/core/errors.js';
import type { RunFilters } from '../../src/core/model.js';
import type { CallContext, StartJournal } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry-policy.js';
import { CREATE_SETTLE_POLICY, createRunOnce, type CreateRunTiming } from '../../src/providers/testing-studio/run-creator.js';
import { START_NOTE_MAX_AGE_MS, findStartedRun } from '../../src/providers/testing-studio/start-note.js';

const PROJECT = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';
const ctx: CallContext = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };
const run = (runId: string, group: string | null = null) => ({ runId, status: 'PENDING', group, utterance: null, description: null });

/** Fake time, middle-of-the-range jitter: every wait is recorded in `clock.sleeps` and costs nothing. */
function timing(overrides: Omit<CreateRunTiming, 'clock'> = {}): CreateRunTiming & { clock: FakeClock } {
  return { random: () => 0.5, ...overrides, clock: new FakeClock(1_000_000) };
}

const posts = (client: { calls: string[] }): number => client.calls.filter((c) => c.startsWith('POST')).length;
const lists = (client: { calls: string[] }): number => client.calls.filter((c) => c.startsWith('GET')).length;
const throttled = (retryAfterMs?: number): HttpError => new HttpError('POST', '/api/runs/', 429, 'Too Many Requests', retryAfterMs);
const unreadable = (): ResponseShapeError => new ResponseShapeError('/api/runs/', 'data.0.runId: expected string, received undefined');

/** An ApiClient whose list answers and create outcomes are scripted, recording every call. An Error in `lists` is thrown. */
function scriptedClient(lists: (unknown[] | Error)[], creates: (unknown | Error)[]): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  const parse = <T>(schema: ZodType<T>, data: unknown): T => schema.parse({ data });
  return {
    calls,
    getJson: async (path, schema) => {
      calls.push(`GET ${path}`);
      const next = lists.shift() ?? [];
      if (next instanceof Error) throw next;
      return parse(schema, next);
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

describe('createRunOnce while a run the failed request started may still appear', () => {
  const gatewayTimeout = (): HttpError => new HttpError('POST', '/api/runs/', 504, 'Gateway Timeout');

  it('keeps listing with growing gaps and adopts a run that appears late, without a second POST', async () => {
    const t = timing();
    // Listed before, at once after the 504, after 1 s (still nothing), then after 2 s more: there it is.
    const client = scriptedClient([[run('old')], [run('old')], [run('old')], [run('late', 'smoke'), run('old')]], [gatewayTimeout(), run('twin')]);
    const created = await createRunOnce(client, PROJECT, { group: 'smoke' }, ctx, () => undefined, t);
    expect(created.runId).toBe('late');
    expect(posts(client)).toBe(1);
    expect(t.clock.sleeps).toEqual([1_000, 2_000]);
  });

  it('posts again only after every listing of the 1 s, 2 s and 4 s settle window showed no new run', async () => {
    const t = timing();
    const log: string[] = [];
    const client = scriptedClient([[], [], [], [], []], [gatewayTimeout(), run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, (line) => log.push(line), t)).resolves.toMatchObject({ runId: 'new' });
    expect(CREATE_SETTLE_POLICY.recheckDelaysMs).toEqual([1_000, 2_000, 4_000]);
    expect(t.clock.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(client.calls.slice(0, 7)).toEqual(['GET', 'POST', 'GET', 'GET', 'GET', 'GET', 'POST'].map((m) => expect.stringMatching(`^${m} `)));
    expect(log).toContain('No new run is listed yet; looking again in 1.0s, as the failed request may still start one.');
  });

  it('refuses to guess when several new runs with our filters appear during the settle window', async () => {
    const client = scriptedClient([[], [], [run('a'), run('b')]], [gatewayTimeout(), run('never')]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, timing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/2 new runs with the same filters appeared \(a, b\)/);
    expect(posts(client)).toBe(1);
  });

  it('does not wait for a late run past the deadline, and does not post again but fails saying a run may exist', async () => {
    const t = timing();
    const journal = recordingJournal();
    const soon: CallContext = { signal: new AbortController().signal, deadline: t.clock.now() + 2_500 };
    const client = scriptedClient([[], [], []], [gatewayTimeout(), run('never')]);
    const error = await createRunOnce(client, PROJECT, {}, soon, () => undefined, { ...t, journal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/no new run was listed before the deadline; a run may still have been started/);
    expect(t.clock.sleeps).toEqual([1_000]);
    expect(t.clock.now()).toBeLessThanOrEqual(soon.deadline);
    expect(posts(client)).toBe(1);
    expect(journal.events).toEqual(['sending']);
  });

  it('stops at once when the step starts stopping during the settle window, sending no second POST and keeping the note', async () => {
    const t = timing();
    const journal = recordingJournal();
    const stop = new AbortController();
    const reason = new Error('stopping');
    const sleep = t.clock.sleep.bind(t.clock);
    // The cancel arrives during the second wait.
    t.clock.sleep = async (ms, signal) => {
      if (t.clock.sleeps.length === 1) stop.abort(reason);
      return sleep(ms, signal);
    };
    const client = scriptedClient([[], [], [], []], [gatewayTimeout(), run('never')]);
    const error = await createRunOnce(client, PROJECT, {}, { ...ctx, stopping: stop.signal }, () => undefined, { ...t, journal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(reason);
    expect(t.clock.sleeps).toEqual([1_000]);
    expect(posts(client)).toBe(1);
    expect(journal.events).toEqual(['sending']);
  });

  it('warns naming a run with our filters that also appeared by the time the second POST succeeded, and leaves it alone', async () => {
    const warnings: string[] = [];
    const client = scriptedClient(
      [[run('old')], [], [], [], [], [run('old'), run('second'), run('late'), run('theirs', 'nightly')]],
      [new NetworkError('POST', '/api/runs/', 'ECONNRESET', true), run('second')],
    );
    let revokes = 0;
    client.postEmpty = async () => {
      revokes++;
    };
    const created = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, { ...timing(), warning: (line) => warnings.push(line) });
    expect(created.runId).toBe('second');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Run late, with the same filters as run second, also appeared since Create Run was first sent: possibly a duplicate/);
    expect(warnings[0]).toContain('ECONNRESET');
    expect(warnings[0]).not.toMatch(/theirs|old/);
    expect(posts(client)).toBe(2);
    expect(revokes).toBe(0);
  });

  it('still returns the second run, saying so, when the check for a duplicate cannot list the runs', async () => {
    const log: string[] = [];
    const warnings: string[] = [];
    const client = scriptedClient([[], [], [], [], [], new HttpError('GET', '/api/projects/p/runs/', 503, undefined)], [gatewayTimeout(), run('second')]);
    const created = await createRunOnce(client, PROJECT, {}, ctx, (line) => log.push(line), { ...timing(), warning: (line) => warnings.push(line) });
    expect(created.runId).toBe('second');
    expect(log.at(-1)).toMatch(/^Could not list the project's runs to check for a duplicate the failed Create Run may have started \(GET .* 503/);
    expect(warnings).toEqual([]);
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

describe('createRunOnce after a 429', () => {
  it('waits as long as Retry-After asks and tries again without listing runs, as the server did not process it', async () => {
    const t = timing();
    const client = scriptedClient([[]], [throttled(2_000), throttled(1_000), run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined, t)).resolves.toMatchObject({ runId: 'new' });
    expect(t.clock.sleeps).toEqual([2_000, 1_000]);
    expect(posts(client)).toBe(3);
    expect(lists(client)).toBe(1);
  });

  it('does not count 429s as the one extra try an ambiguous failure gets', async () => {
    const t = timing();
    const lost = new NetworkError('POST', '/api/runs/', 'ECONNRESET', true);
    const client = scriptedClient([[], []], [throttled(1_000), lost, throttled(1_000), run('new')]);
    await expect(createRunOnce(client, PROJECT, {}, ctx, () => undefined, t)).resolves.toMatchObject({ runId: 'new' });
    expect(posts(client)).toBe(4);
  });

  it('backs off with capped jitter when there is no Retry-After, and gives up at the attempt limit', async () => {
    const t = timing({ policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 4 } });
    const client = scriptedClient([[]], [throttled(), throttled(), throttled(), throttled(), run('never')]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, t).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(429);
    expect(posts(client)).toBe(4);
    const base = DEFAULT_RETRY_POLICY.baseDelayMs;
    expect(t.clock.sleeps).toEqual([base * 0.5, base, base * 2]);
  });

  it('does not wait for a retry that would start after the deadline', async () => {
    const t = timing();
    const soon: CallContext = { signal: new AbortController().signal, deadline: t.clock.now() + 5_000 };
    const client = scriptedClient([[]], [throttled(60_000), run('never')]);
    await expect(createRunOnce(client, PROJECT, {}, soon, () => undefined, t)).rejects.toMatchObject({ status: 429 });
    expect(t.clock.sleeps).toEqual([]);
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

describe('createRunOnce while the step is stopping', () => {
  it('sends nothing and throws the stop reason when the step is already stopping', async () => {
    const stop = new AbortController();
    const reason = new Error('stopping');
    stop.abort(reason);
    const client = scriptedClient([[]], [run('never')]);
    await expect(createRunOnce(client, PROJECT, {}, { ...ctx, stopping: stop.signal }, () => undefined, timing())).rejects.toBe(reason);
    expect(client.calls).toEqual([]);
  });

  it('does not post again after a 429 once the step is stopping', async () => {
    const stop = new AbortController();
    const reason = new Error('stopping');
    const client = scriptedClient([[]], [throttled(1_000), run('never')]);
    const postJson = client.postJson.bind(client);
    client.postJson = async (...args) => {
      stop.abort(reason);
      return postJson(...args);
    };
    await expect(createRunOnce(client, PROJECT, {}, { ...ctx, stopping: stop.signal }, () => undefined, timing())).rejects.toBe(reason);
    expect(posts(client)).toBe(1);
  });

  it('still lists runs after an ambiguous failure while stopping, so a created run can be adopted and revoked', async () => {
    const stop = new AbortController();
    const client = scriptedClient([[], [run('created')]], [new HttpError('POST', '/api/runs/', 500, undefined)]);
    const postJson = client.postJson.bind(client);
    client.postJson = async (...args) => {
      stop.abort(new Error('stopping'));
      return postJson(...args);
    };
    const created = await createRunOnce(client, PROJECT, {}, { ...ctx, stopping: stop.signal }, () => undefined, timing());
    expect(created.runId).toBe('created');
  });
});

/** A journal that records what it is told: `sending` (with the note) and `nothing`. */
function recordingJournal(): StartJournal & { events: string[]; notes: string[] } {
  const events: string[] = [];
  const notes: string[] = [];
  return {
    events,
    notes,
    sending: (note) => {
      events.push('sending');
      notes.push(note);
    },
    nothingStarted: () => events.push('nothing'),
  };
}

describe('createRunOnce and its start journal', () => {
  const create = (client: ApiClient, journal: StartJournal, context = ctx, filters: RunFilters = {}): Promise<unknown> =>
    createRunOnce(client, PROJECT, filters, context, () => undefined, { ...timing(), journal }).catch((e: unknown) => e);

  it('announces one note before the first POST, naming the runs listed before and our filters, and leaves it on success', async () => {
    const journal = recordingJournal();
    const client = scriptedClient([[run('old-1'), run('old-2')]], [run('new')]);
    const journalAtPost: string[][] = [];
    const postJson = client.postJson.bind(client);
    client.postJson = async (...args) => {
      journalAtPost.push([...journal.events]);
      return postJson(...args);
    };
    await create(client, journal, ctx, { group: 'smoke' });
    expect(journalAtPost).toEqual([['sending']]);
    expect(journal.events).toEqual(['sending']);
    expect(JSON.parse(journal.notes[0] ?? '')).toEqual({
      v: 1,
      projectId: PROJECT,
      filters: { group: 'smoke' },
      before: ['old-1', 'old-2'],
      sentAt: expect.any(Number),
    });
  });

  it('says nothing was started after a clear rejection', async () => {
    const journal = recordingJournal();
    await create(scriptedClient([[]], [new HttpError('POST', '/api/runs/', 422, 'field required')]), journal);
    expect(journal.events).toEqual(['sending', 'nothing']);
  });

  it('keeps the note after 408s, which a server may send after it started the run', async () => {
    const journal = recordingJournal();
    const timedOut = (): HttpError => new HttpError('POST', '/api/runs/', 408, 'Request Timeout');
    const error = await create(scriptedClient([[], [], [], [], [], []], [timedOut(), timedOut()]), journal);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect(journal.events).toEqual(['sending']);
  });

  it('says nothing was started when a connection could not even be opened', async () => {
    const journal = recordingJournal();
    await create(scriptedClient([[]], [new NetworkError('POST', '/api/runs/', 'ECONNREFUSED', false)]), journal);
    expect(journal.events).toEqual(['sending', 'nothing']);
  });

  it('announces the note only once across 429 retries, and says nothing was started when they run out', async () => {
    const journal = recordingJournal();
    const client = scriptedClient([[]], [throttled(), throttled(), throttled()]);
    await createRunOnce(client, PROJECT, {}, ctx, () => undefined, {
      ...timing({ policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 } }),
      journal,
    }).catch(() => undefined);
    expect(posts(client)).toBe(3);
    expect(journal.events).toEqual(['sending', 'nothing']);
  });

  it('keeps the note after ambiguous failures even when the listings show no new run yet', async () => {
    const journal = recordingJournal();
    const fail = (): HttpError => new HttpError('POST', '/api/runs/', 503, undefined);
    const error = await create(scriptedClient([[], [], []], [fail(), fail()]), journal);
    expect((error as Error).message).toMatch(/^Create Run failed twice and no new run is listed/);
    expect(journal.events).toEqual(['sending']);
  });

  it('keeps the note when the step stops after a 504 whose backend may still be creating the run', async () => {
    const stop = new AbortController();
    const journal = recordingJournal();
    const client = scriptedClient([[], []], [new HttpError('POST', '/api/runs/', 504, 'Gateway Timeout')]);
    const postJson = client.postJson.bind(client);
    client.postJson = async (...args) => {
      stop.abort(new Error('stopping'));
      return postJson(...args);
    };
    await create(client, journal, { ...ctx, stopping: stop.signal });
    expect(posts(client)).toBe(1);
    expect(journal.events).toEqual(['sending']);
  });

  it('says nothing was started when a refusal follows 429s, and when the client refused to resend once stopping', async () => {
    const journal = recordingJournal();
    await create(scriptedClient([[]], [throttled(1_000), new HttpError('POST', '/api/runs/', 403, 'forbidden')]), journal);
    expect(journal.events).toEqual(['sending', 'nothing']);

    // The client throws the stop's reason instead of sending a retry (after a connection that never opened).
    const stop = new AbortController();
    const reason = new Error('stopping');
    const stopped = recordingJournal();
    const client = scriptedClient([[]], []);
    client.postJson = async () => {
      stop.abort(reason);
      throw reason;
    };
    expect(await create(client, stopped, { ...ctx, stopping: stop.signal })).toBe(reason);
    expect(stopped.events).toEqual(['sending', 'nothing']);
  });

  it('keeps the note when the listing after an ambiguous failure fails, so a later step can look again', async () => {
    const journal = recordingJournal();
    const client = scriptedClient([[], new HttpError('GET', '/api/projects/p/runs/', 503, undefined)], [new HttpError('POST', '/api/runs/', 502, undefined)]);
    expect(await create(client, journal)).toBeInstanceOf(AmbiguousRunError);
    expect(journal.events).toEqual(['sending']);
  });

  it('keeps the note when several new runs appeared', async () => {
    const journal = recordingJournal();
    await create(scriptedClient([[], [run('a'), run('b')]], [new HttpError('POST', '/api/runs/', 500, undefined)]), journal);
    expect(journal.events).toEqual(['sending']);
  });

  it('keeps the note when the POST is abandoned in flight, as after the grace that follows a cancel', async () => {
    const journal = recordingJournal();
    const abandoned = Object.assign(new Error('no answer 2000 ms after stopping'), { name: 'AbortError' });
    expect(await create(scriptedClient([[]], [abandoned]), journal)).toBe(abandoned);
    expect(journal.events).toEqual(['sending']);
  });

  it('says nothing was started when the step stops after a 429, and announces nothing when it stopped before', async () => {
    const stop = new AbortController();
    const journal = recordingJournal();
    const client = scriptedClient([[]], [throttled(1_000)]);
    const postJson = client.postJson.bind(client);
    client.postJson = async (...args) => {
      stop.abort(new Error('stopping'));
      return postJson(...args);
    };
    await create(client, journal, { ...ctx, stopping: stop.signal });
    expect(journal.events).toEqual(['sending', 'nothing']);

    const idle = recordingJournal();
    await create(scriptedClient([[]], [run('never')]), idle, { ...ctx, stopping: stop.signal });
    expect(idle.events).toEqual([]);
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

describe('findStartedRun', () => {
  const note = (before: string[], filters: RunFilters = {}, projectId = PROJECT, sentAt = Date.now()): string =>
    JSON.stringify({ v: 1, projectId, filters, before, sentAt });

  it('notes when the first POST was sent, and refuses a note older than START_NOTE_MAX_AGE_MS, before any request', async () => {
    const t = timing();
    const journal = recordingJournal();
    await createRunOnce(scriptedClient([[]], [run('new')]), PROJECT, {}, ctx, () => undefined, { ...t, journal });
    expect(JSON.parse(journal.notes[0] ?? '')).toMatchObject({ sentAt: t.clock.now() });

    const client = scriptedClient([[run('theirs')]], []);
    t.clock.advance(START_NOTE_MAX_AGE_MS);
    await expect(findStartedRun(client, PROJECT, journal.notes[0] ?? '', ctx, t.clock)).resolves.toMatchObject({ runId: 'theirs' });
    t.clock.advance(60_001);
    await expect(findStartedRun(client, PROJECT, journal.notes[0] ?? '', ctx, t.clock)).rejects.toThrow(
      /sent 16 minutes ago: too long ago to tell a run it started from runs started since by others, so none is revoked/,
    );
    expect(lists(client)).toBe(1);
  });

  it('finds the one run with our filters that was not listed before Create Run', async () => {
    const client = scriptedClient([[run('old', 'smoke'), run('theirs', 'nightly'), run('mine', 'smoke')]], []);
    await expect(findStartedRun(client, PROJECT, note(['old'], { group: 'smoke' }), ctx)).resolves.toMatchObject({ runId: 'mine' });
    expect(client.calls).toEqual([`GET /api/projects/${PROJECT}/runs/`]);
  });

  it('answers undefined when no new run with our filters exists', async () => {
    const client = scriptedClient([[run('old'), run('theirs', 'nightly')]], []);
    await expect(findStartedRun(client, PROJECT, note(['old']), ctx)).resolves.toBeUndefined();
  });

  it('refuses to guess between several new runs with our filters', async () => {
    const client = scriptedClient([[run('a'), run('b')]], []);
    await expect(findStartedRun(client, PROJECT, note([]), ctx)).rejects.toThrow(/2 runs .*\(a, b\); cannot tell which one it started, so none is revoked/);
  });

  it('refuses a note it cannot read, or one written for another project, before any request', async () => {
    const client = scriptedClient([[run('a')]], []);
    await expect(findStartedRun(client, PROJECT, '{"v":1', ctx)).rejects.toBeInstanceOf(AmbiguousRunError);
    await expect(findStartedRun(client, PROJECT, JSON.stringify({ v: 2 }), ctx)).rejects.toBeInstanceOf(AmbiguousRunError);
    await expect(findStartedRun(client, PROJECT, note([], {}, 'other-project'), ctx)).rejects.toThrow(/for project other-project/);
    await expect(findStartedRun(client, PROJECT, JSON.stringify({ v: 1, projectId: PROJECT, filters: {}, before: [] }), ctx)).rejects.toThrow(
      /could not be read/,
    );
    expect(client.calls).toEqual([]);
  });
});
