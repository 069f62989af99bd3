// The start note createRunOnce leaves in its journal for the clean-up step, and findStartedRun, which reads it there.
import { describe, expect, it } from '@jest/globals';
import { AmbiguousRunError, HttpError, NetworkError } from '../../src/core/errors.js';
import type { RunFilters } from '../../src/core/model.js';
import type { StartJournal } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry-policy.js';
import { createRunOnce } from '../../src/providers/testing-studio/run-creator.js';
import { LATE_RUN_WINDOW_MS, START_NOTE_MAX_AGE_MS, findStartedRun } from '../../src/providers/testing-studio/start-note.js';
import { PROJECT, ctx, lists, posts, recordingJournal, run, scriptedClient, throttled, timing } from '../helpers/run-creator-fakes.js';

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
    // Noted again before the one extra POST.
    expect(journal.events).toEqual(['sending', 'sending']);
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
    // Noted again before the one extra POST.
    expect(journal.events).toEqual(['sending', 'sending']);
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

  it('notes anew before the one extra POST after an ambiguous failure, so a late run is looked for from when that POST was sent', async () => {
    const t = timing();
    const journal = recordingJournal();
    const client = scriptedClient([[run('old')], [run('old')], [run('old')], [run('old')], [run('old')]], [new HttpError('POST', '/api/runs/', 502, 'Bad Gateway')]);
    const sentAt: number[] = [];
    const postJson = client.postJson.bind(client);
    client.postJson = async (...args) => {
      sentAt.push(t.clock.now());
      if (sentAt.length === 2) throw Object.assign(new Error('no answer 2000 ms after stopping'), { name: 'AbortError' });
      return postJson(...args);
    };
    await createRunOnce(client, PROJECT, {}, ctx, () => undefined, { ...t, journal }).catch(() => undefined);
    expect(sentAt).toHaveLength(2);
    expect(journal.notes.map((n) => (JSON.parse(n) as { sentAt: number; before: string[] }).sentAt)).toEqual(sentAt);
    expect(journal.notes.map((n) => (JSON.parse(n) as { before: string[] }).before)).toEqual([['old'], ['old']]);
    expect(journal.events).toEqual(['sending', 'sending']);
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

  it('answers undefined when no new run with our filters is listed by LATE_RUN_WINDOW_MS after Create Run was sent, looking once a second till then', async () => {
    const { clock } = timing();
    const client = scriptedClient(Array.from({ length: 20 }, () => [run('old'), run('theirs', 'nightly')]), []);
    const sentAt = clock.now() - 3_000;
    await expect(findStartedRun(client, PROJECT, note(['old'], {}, PROJECT, sentAt), ctx, clock)).resolves.toBeUndefined();
    expect(clock.sleeps).toEqual(Array.from({ length: 12 }, () => 1_000));
    expect(clock.now()).toBe(sentAt + LATE_RUN_WINDOW_MS);
    expect(lists(client)).toBe(13);
  });

  it('finds a run that appears after it first looked, as one a gateway hands on late does', async () => {
    const { clock } = timing();
    const client = scriptedClient([[run('old')], [run('old')], [run('old'), run('late')]], []);
    await expect(findStartedRun(client, PROJECT, note(['old'], {}, PROJECT, clock.now()), ctx, clock)).resolves.toMatchObject({ runId: 'late' });
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  it('looks only once for a run of a Create Run sent longer ago than LATE_RUN_WINDOW_MS', async () => {
    const { clock } = timing();
    const client = scriptedClient([[run('old')], [run('old'), run('late')]], []);
    const sentAt = clock.now() - LATE_RUN_WINDOW_MS;
    await expect(findStartedRun(client, PROJECT, note(['old'], {}, PROJECT, sentAt), ctx, clock)).resolves.toBeUndefined();
    expect(lists(client)).toBe(1);
  });

  it('finds a new run listed in a shape it cannot read as a whole Run by its id, so the clean-up step can still revoke it', async () => {
    const { clock } = timing();
    const odd = { runId: 'new', status: null, group: null, utterance: null, description: null };
    const found = await findStartedRun(scriptedClient([[run('old'), odd]], []), PROJECT, note(['old'], {}, PROJECT, clock.now()), ctx, clock);
    expect(found).toEqual({ runId: 'new' });
    // An id that is no plain identifier is not handed on.
    const hostile = { ...odd, runId: 'x; rm -rf /' };
    await expect(findStartedRun(scriptedClient([[hostile]], []), PROJECT, note([], {}, PROJECT, clock.now()), ctx, clock)).rejects.toThrow(/data\.status/);
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
