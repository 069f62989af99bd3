// createRunOnce over time: the settle window in which a late run may appear, 429 retries, and a step that starts stopping.
import { describe, expect, it } from '@jest/globals';
import { AmbiguousRunError, HttpError, NetworkError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry-policy.js';
import { CREATE_SETTLE_POLICY, createRunOnce } from '../../src/providers/testing-studio/run-creator.js';
import { PROJECT, ctx, lists, posts, recordingJournal, run, scriptedClient, throttled, timing } from '../helpers/run-creator-fakes.js';

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

  it('says a run may have been started when the one extra POST would start after the deadline', async () => {
    const journal = recordingJournal();
    // timing()'s clock starts at 1,000,000.
    const shortCtx: CallContext = { signal: new AbortController().signal, deadline: 1_000_000 + 30_000 };
    // A 503 asking for 60 s, the settle window shows nothing, and the deadline is 30 s away: the POST is not sent again.
    const client = scriptedClient([[run('old')], [run('old')], [run('old')], [run('old')], [run('old')]], [new HttpError('POST', '/api/runs/', 503, 'busy', 60_000)]);
    const error = await createRunOnce(client, PROJECT, {}, shortCtx, () => undefined, { ...timing(), journal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/HTTP 503.*no new run is listed; sending it again would start after the deadline\. A run may still have been started\./);
    expect(posts(client)).toBe(1);
    expect(journal.events).toEqual(['sending']); // the note stays for the clean-up step
  });

  it('says a run may have been started when the one extra POST is refused', async () => {
    const journal = recordingJournal();
    const client = scriptedClient([[], [], [], [], []], [gatewayTimeout(), new HttpError('POST', '/api/runs/', 400, 'bad request')]);
    const error = await createRunOnce(client, PROJECT, {}, ctx, () => undefined, { ...timing(), journal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/^Create Run failed \(.*HTTP 504.*\) and no new run is listed; sending it again then failed \(.*HTTP 400.*\)\. A run may still have been started\.$/);
    expect((error as Error).cause).toBeInstanceOf(HttpError);
    expect(posts(client)).toBe(2);
    // Noted again before the one extra POST.
    expect(journal.events).toEqual(['sending', 'sending']);
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
