// The HTTP client against real sockets: which failures it retries and when it stops, the time limit of an attempt, and cancellation.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError, NetworkError } from '../../src/core/errors.js';
import type { ClosableApiClient } from '../../src/http/http-client.js';
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry-policy.js';
import { TOKEN, failure, httpClientScene, runSchema } from '../helpers/http-client-scene.js';
import { ScriptedServer, json, redirect, type Step } from '../helpers/scripted-server.js';

const scene = httpClientScene();
const { main, makeClient, ctx } = scene;

const resetConnection: Step = (req) => req.socket.destroy();

/**
 * A 200 whose body arrives one byte every `everyMs`: each gap is short, the
 * whole takes `body.length * everyMs`. Stops when the client goes away.
 */
const trickle = (body: string | Buffer, everyMs: number, headers: Record<string, string> = { 'content-type': 'application/json' }): Step => (_req, res) => {
  const bytes = Buffer.from(body);
  res.writeHead(200, { 'content-length': String(bytes.length), ...headers });
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent >= bytes.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(bytes.subarray(sent, ++sent));
  }, everyMs);
};

/** The origin of a server that has stopped: connecting to it is refused. */
async function closedServerOrigin(): Promise<string> {
  const closed = new ScriptedServer();
  await closed.start();
  const origin = closed.origin;
  await closed.stop();
  return origin;
}

describe('retries of idempotent calls', () => {
  it('retries a 429 and honours Retry-After before succeeding', async () => {
    main.script(json(429, { detail: 'slow down' }, { 'retry-after': '2' }), json(200, { id: 'r1', status: 'pending' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'pending' });
    expect(main.seen).toHaveLength(2);
    expect(scene.clock.sleeps).toHaveLength(1);
    expect(scene.clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('retries 503 twice and logs each retry without the token', async () => {
    main.script(json(503, {}), json(503, {}), json(200, { id: 'r1', status: 'done' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(3);
    expect(scene.clock.sleeps).toHaveLength(2);
    expect(scene.logLines[0]).toMatch(/^GET \/api\/runs\/r1 → 503, retrying in \d+\.\ds \(attempt 2\/6\)$/);
    expect(scene.logLines.join('\n')).not.toContain(TOKEN);
  });

  it('retries a GET whose connection was reset', async () => {
    main.script(resetConnection, json(200, { id: 'r1', status: 'done' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(2);
  });

  it('stops retrying when the next attempt would start after the deadline', async () => {
    main.script(...Array.from({ length: 10 }, () => json(503, { detail: 'busy' })));
    const start = scene.clock.now();
    // random 0.5 → delays 250, 500, 1000, 2000 …: attempts at 0, 250 and 750 ms; the next would be at 1750.
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx(1500)));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(main.seen).toHaveLength(3);
    expect(scene.clock.sleeps).toEqual([250, 500]);
    expect(scene.clock.now() - start).toBeLessThanOrEqual(1500);
  });

  it('retries a 5xx outside the classic four, such as 507 or a gateway\'s 520', async () => {
    main.script(json(507, { detail: 'insufficient storage' }), json(520, {}), json(200, { id: 'r1', status: 'done' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(3);
  });

  it.each([501, 505])('does not retry a %i, which is permanent by definition', async (status) => {
    main.script(json(status, { detail: 'no' }), json(200, { id: 'r1', status: 'done' }));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect((error as HttpError).status).toBe(status);
    expect(main.seen).toHaveLength(1);
    expect(scene.clock.sleeps).toEqual([]);
  });

  it('gives up after maxAttempts and throws the last status', async () => {
    main.script(...Array.from({ length: 10 }, () => json(502, { detail: 'bad gateway' })));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(HttpError);
    expect(main.seen).toHaveLength(6);
  });
});

describe('non-idempotent calls', () => {
  it('does not retry a POST whose connection was reset after sending', async () => {
    main.script(resetConnection, json(201, { id: 'r1', status: 'pending' }));
    const error = await failure(scene.client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).maybeSent).toBe(true);
    expect(main.seen).toHaveLength(1);
    expect(scene.clock.sleeps).toEqual([]);
  });

  it('retries a POST whose connection was refused, since nothing was sent', async () => {
    const closedOrigin = await closedServerOrigin();
    const refusedClient = makeClient(closedOrigin);
    try {
      const error = await failure(refusedClient.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toBe('ECONNREFUSED');
      expect((error as NetworkError).maybeSent).toBe(false);
      expect(scene.clock.sleeps).toHaveLength(5);
    } finally {
      await refusedClient.close();
    }
  });

  it('does not send a POST again once the step is stopping, even when the last attempt never connected', async () => {
    const closedOrigin = await closedServerOrigin();
    const refusedClient = makeClient(closedOrigin);
    const stopping = new AbortController();
    const reason = new Error('stopping');
    // The stop arrives during the backoff after the first refused connection.
    const sleep = scene.clock.sleep.bind(scene.clock);
    scene.clock.sleep = async (ms, signal) => {
      stopping.abort(reason);
      return sleep(ms, signal);
    };
    try {
      const error = await failure(refusedClient.postJson('/api/runs', {}, runSchema, { ...ctx(), stopping: stopping.signal }, { idempotent: false }));
      expect(error).toBe(reason);
      expect(scene.clock.sleeps).toEqual([]);
      expect(scene.logLines.filter((line) => line.includes('retrying'))).toHaveLength(1);
    } finally {
      await refusedClient.close();
    }
  });

  it('counts a POST answered with a redirect as sent when the next hop cannot connect, and does not send it again', async () => {
    main.script(redirect(303, `${await closedServerOrigin()}/api/runs/r1`), json(201, { id: 'r2', status: 'pending' }));
    const error = await failure(scene.client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect((error as NetworkError).maybeSent).toBe(true);
    expect(main.seen.map((s) => s.method)).toEqual(['POST']);
    expect(scene.clock.sleeps).toEqual([]);
  });

  it('throws a 500 on a POST at once', async () => {
    main.script(json(500, { detail: 'boom' }), json(201, { id: 'r1', status: 'pending' }));
    const error = await failure(scene.client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).detail).toBe('boom');
    expect(main.seen).toHaveLength(1);
    expect(main.seen[0]?.body.toString()).toBe('{"a":1}');
    expect(main.seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('retries a 503 on a POST marked idempotent', async () => {
    main.script(json(503, {}), (_req, res) => res.writeHead(204).end());
    await scene.client.postEmpty('/api/runs/r1/revoke', ctx(), { idempotent: true });
    expect(main.seen).toHaveLength(2);
  });
});

describe('time limit of an attempt', () => {
  /** Padding makes the trickled answer take 40 × 25 ms = 1 s, over a 400 ms per-attempt timeout. */
  const slowRun = `${' '.repeat(40 - 26)}{"id":"r1","status":"done"}`;
  let slowClient: ClosableApiClient;
  beforeEach(() => {
    slowClient = makeClient(main.origin, { requestTimeoutMs: 400 });
  });
  afterEach(async () => {
    await slowClient.close();
  });

  it('ends a GET whose body trickles in for longer than the per-attempt timeout, and tries it again', async () => {
    main.script(trickle(slowRun, 25), json(200, { id: 'r1', status: 'done' }));
    await expect(slowClient.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(2);
    expect(scene.logLines[0]).toMatch(/^GET \/api\/runs\/r1 → ATTEMPT_TIMEOUT, retrying/);
  });

  it('lets an answer allowed past the usual size limit trickle in for longer, as it grows with the project, while its chunks keep coming', async () => {
    main.script(trickle(slowRun, 25));
    await expect(slowClient.getJson('/api/runs/r1', runSchema, ctx(), { maxBytes: 64 * 1024 * 1024 })).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(1);
  });

  it('waits for the explanation of a failed download no longer than an attempt may take, and says so', async () => {
    const once = makeClient(main.origin, { requestTimeoutMs: 400, retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } });
    try {
      // A 503 whose explanation comes a byte every 50 ms: 2 s in all, each gap far inside the download's gap limit.
      main.script((_req, res) => {
        const detail = Buffer.from(JSON.stringify({ detail: 'x'.repeat(30) }));
        res.writeHead(503, { 'content-type': 'application/json', 'content-length': String(detail.length) });
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= detail.length) return void (clearInterval(timer), res.end());
          res.write(detail.subarray(sent, ++sent));
        }, 50);
      });
      const error = await failure(once.download('/api/runs/r1/artifacts/', join(scene.workDir, 'a.zip'), ctx()));
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(503);
      expect((error as HttpError).detail).toBe('the explanation in the answer did not arrive within 0.4 s');
    } finally {
      await once.close();
    }
  });

  it('does not send a non-idempotent POST again when its answer trickles in too slowly, as it may have been processed', async () => {
    main.script(trickle(slowRun, 25), json(201, { id: 'r2', status: 'pending' }));
    const error = await failure(slowClient.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ATTEMPT_TIMEOUT');
    expect((error as NetworkError).maybeSent).toBe(true);
    expect(main.seen).toHaveLength(1);
  });

  it('does not try again past the deadline after an attempt that took too long', async () => {
    main.script(trickle(slowRun, 25), json(200, { id: 'r1', status: 'done' }));
    // The attempt takes real time the fake clock does not see; moving the clock stands for it.
    const call = slowClient.getJson('/api/runs/r1', runSchema, ctx(100));
    scene.clock.advance(200);
    const error = await failure(call);
    expect((error as NetworkError).code).toBe('ATTEMPT_TIMEOUT');
    expect(main.seen).toHaveLength(1);
  });

  it('still lets a cancel reject with its own reason while the body trickles in', async () => {
    main.script(trickle(slowRun, 25));
    const controller = new AbortController();
    const arrived = main.nextRequest();
    const call = slowClient.getJson('/api/runs/r1', runSchema, ctx(60_000, controller.signal));
    await arrived;
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });

  it('lets a download take longer than the per-attempt timeout while its body keeps flowing', async () => {
    const bytes = randomBytes(40);
    main.script(trickle(bytes, 25, { 'content-type': 'application/zip' }));
    const dest = join(scene.workDir, 'slow-artifact.zip');
    await expect(slowClient.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: 40 });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(main.seen).toHaveLength(1);
  });

  it('leaves no timer behind once a call has ended', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    main.script(...Array.from({ length: 5 }, () => json(200, { id: 'r1', status: 'done' })));
    await slowClient.getJson('/api/runs/r1', runSchema, ctx());
    const before = timers();
    for (let i = 0; i < 4; i++) await slowClient.getJson('/api/runs/r1', runSchema, ctx());
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe('cancellation', () => {
  it('aborts an in-flight request and rejects with the signal reason', async () => {
    main.script(() => undefined); // never answers
    const controller = new AbortController();
    const arrived = main.nextRequest();
    const call = scene.client.getJson('/api/runs/r1', runSchema, ctx(60_000, controller.signal));
    await arrived;
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });

  it('does not start a request once the deadline has passed', async () => {
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx(-1)));
    expect((error as Error).name).toBe('TimeoutError');
    expect(main.seen).toHaveLength(0);
  });
});
