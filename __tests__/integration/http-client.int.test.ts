import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { FakeClock } from '../../src/core/clock.js';
import { HttpError, NetworkError, ResponseShapeError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import { createApiClient, type ApiClientOptions, type ClosableApiClient } from '../../src/http/http-client.js';

const TOKEN = 'secret-token-abc123';
const runSchema = z.object({ id: z.string(), status: z.string() });

/** What the test server saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One scripted answer; runs after the request body has been read. */
type Step = (req: IncomingMessage, res: ServerResponse) => void;

/** A node:http server on 127.0.0.1 answering from a queue of scripted steps. */
class ScriptedServer {
  readonly seen: Seen[] = [];
  private readonly steps: Step[] = [];
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private onRequest: (() => void) | undefined;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(...steps: Step[]): void {
    this.steps.push(...steps);
  }

  /** Resolves when the next request has arrived (after its body was read). */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => (this.onRequest = resolve));
  }

  reset(): void {
    this.steps.length = 0;
    this.seen.length = 0;
    this.onRequest = undefined;
    this.server.closeAllConnections();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
    this.onRequest?.();
    // An unscripted request gets a non-retryable answer, so a wrong test fails fast instead of looping.
    const step = this.steps.shift() ?? json(418, { detail: 'unscripted request' });
    step(req, res);
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

const resetConnection: Step = (req) => req.socket.destroy();

/** A 2xx (or other) answer whose body is sent already encoded, with the given Content-Encoding. */
const encoded = (status: number, coding: string, body: Buffer, type = 'application/json'): Step => (_req, res) => {
  res.writeHead(status, { 'content-type': type, 'content-encoding': coding, 'content-length': String(body.length) });
  res.end(body);
};

const ENCODERS: Record<string, (data: Buffer) => Buffer> = {
  gzip: (data) => gzipSync(data),
  'x-gzip': (data) => gzipSync(data),
  deflate: (data) => deflateSync(data),
  br: (data) => brotliCompressSync(data),
};

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
const redirect = (status: number, location: string): Step => (_req, res) => {
  res.writeHead(status, { location });
  res.end();
};

const main = new ScriptedServer();
const other = new ScriptedServer();
let clock: FakeClock;
let client: ClosableApiClient;
let logLines: string[];
let workDir: string;

function makeClient(baseUrl: string = main.origin, extra: Partial<ApiClientOptions> = {}): ClosableApiClient {
  return createApiClient({
    baseUrl: new URL(baseUrl),
    token: TOKEN,
    userAgent: 'http-client-test',
    clock,
    random: () => 0.5,
    log: (line) => logLines.push(line),
    ...extra,
  });
}

function ctx(deadlineFromNow = 10 * 60_000, signal = new AbortController().signal): CallContext {
  return { signal, deadline: clock.now() + deadlineFromNow };
}

/** The origin of a server that has stopped: connecting to it is refused. */
async function closedServerOrigin(): Promise<string> {
  const closed = new ScriptedServer();
  await closed.start();
  const origin = closed.origin;
  await closed.stop();
  return origin;
}

/** Runs a promise expected to reject and returns the rejection. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  await Promise.all([main.start(), other.start()]);
  workDir = await mkdtemp(join(tmpdir(), 'http-client-test-'));
});

afterAll(async () => {
  await Promise.all([main.stop(), other.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  clock = new FakeClock(1_700_000_000_000);
  logLines = [];
  client = makeClient();
});

afterEach(async () => {
  main.reset();
  other.reset();
  await client.close();
});

describe('retries of idempotent calls', () => {
  it('retries a 429 and honours Retry-After before succeeding', async () => {
    main.script(json(429, { detail: 'slow down' }, { 'retry-after': '2' }), json(200, { id: 'r1', status: 'pending' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'pending' });
    expect(main.seen).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('retries 503 twice and logs each retry without the token', async () => {
    main.script(json(503, {}), json(503, {}), json(200, { id: 'r1', status: 'done' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(logLines[0]).toMatch(/^GET \/api\/runs\/r1 → 503, retrying in \d+\.\ds \(attempt 2\/6\)$/);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('retries a GET whose connection was reset', async () => {
    main.script(resetConnection, json(200, { id: 'r1', status: 'done' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(2);
  });

  it('stops retrying when the next attempt would start after the deadline', async () => {
    main.script(...Array.from({ length: 10 }, () => json(503, { detail: 'busy' })));
    const start = clock.now();
    // random 0.5 → delays 250, 500, 1000, 2000 …: attempts at 0, 250 and 750 ms; the next would be at 1750.
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx(1500)));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(main.seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([250, 500]);
    expect(clock.now() - start).toBeLessThanOrEqual(1500);
  });

  it('retries a 5xx outside the classic four, such as 507 or a gateway\'s 520', async () => {
    main.script(json(507, { detail: 'insufficient storage' }), json(520, {}), json(200, { id: 'r1', status: 'done' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(3);
  });

  it.each([501, 505])('does not retry a %i, which is permanent by definition', async (status) => {
    main.script(json(status, { detail: 'no' }), json(200, { id: 'r1', status: 'done' }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect((error as HttpError).status).toBe(status);
    expect(main.seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after maxAttempts and throws the last status', async () => {
    main.script(...Array.from({ length: 10 }, () => json(502, { detail: 'bad gateway' })));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(HttpError);
    expect(main.seen).toHaveLength(6);
  });
});

describe('non-idempotent calls', () => {
  it('does not retry a POST whose connection was reset after sending', async () => {
    main.script(resetConnection, json(201, { id: 'r1', status: 'pending' }));
    const error = await failure(client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).maybeSent).toBe(true);
    expect(main.seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a POST whose connection was refused, since nothing was sent', async () => {
    const closedOrigin = await closedServerOrigin();
    const refusedClient = makeClient(closedOrigin);
    try {
      const error = await failure(refusedClient.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toBe('ECONNREFUSED');
      expect((error as NetworkError).maybeSent).toBe(false);
      expect(clock.sleeps).toHaveLength(5);
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
    const sleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      stopping.abort(reason);
      return sleep(ms, signal);
    };
    try {
      const error = await failure(refusedClient.postJson('/api/runs', {}, runSchema, { ...ctx(), stopping: stopping.signal }, { idempotent: false }));
      expect(error).toBe(reason);
      expect(clock.sleeps).toEqual([]);
      expect(logLines.filter((line) => line.includes('retrying'))).toHaveLength(1);
    } finally {
      await refusedClient.close();
    }
  });

  it('counts a POST answered with a redirect as sent when the next hop cannot connect, and does not send it again', async () => {
    main.script(redirect(303, `${await closedServerOrigin()}/api/runs/r1`), json(201, { id: 'r2', status: 'pending' }));
    const error = await failure(client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect((error as NetworkError).maybeSent).toBe(true);
    expect(main.seen.map((s) => s.method)).toEqual(['POST']);
    expect(clock.sleeps).toEqual([]);
  });

  it('throws a 500 on a POST at once', async () => {
    main.script(json(500, { detail: 'boom' }), json(201, { id: 'r1', status: 'pending' }));
    const error = await failure(client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false }));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).detail).toBe('boom');
    expect(main.seen).toHaveLength(1);
    expect(main.seen[0]?.body.toString()).toBe('{"a":1}');
    expect(main.seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('retries a 503 on a POST marked idempotent', async () => {
    main.script(json(503, {}), (_req, res) => res.writeHead(204).end());
    await client.postEmpty('/api/runs/r1/revoke', ctx(), { idempotent: true });
    expect(main.seen).toHaveLength(2);
  });
});

describe('client errors', () => {
  it('fails at once on 401 with the server detail and without the token', async () => {
    main.script(json(401, { detail: 'Invalid token' }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(HttpError);
    const message = (error as Error).message;
    expect(message).toContain('401');
    expect(message).toContain('Invalid token');
    expect(message).not.toContain(TOKEN);
    expect(main.seen).toHaveLength(1);
    expect(main.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('redacts the token when the server echoes it back', async () => {
    main.script(json(403, { detail: `token ${TOKEN} lacks scope` }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect((error as HttpError).detail).toBe('token *** lacks scope');
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('leaves no part of the token in a detail that is cut to an excerpt right inside the token', async () => {
    main.script(json(401, { detail: `${'d'.repeat(185)} ${TOKEN} is not valid` }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toContain('d'.repeat(185));
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 8));
  });

  it('leaves no part of the token in an excerpt of a plain-text error body cut inside the token', async () => {
    main.script((_req, res) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`${'p'.repeat(185)} ${TOKEN}`));
    const error = await failure(client.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
    expect((error as HttpError).status).toBe(502);
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 8));
  });

  it('leaves no part of the token at the end of an error body cut off at the read limit', async () => {
    // 64 KiB of whitespace collapse to nothing, so the excerpt is the token's first part where the read stopped.
    main.script((_req, res) => res.writeHead(403, { 'content-type': 'text/plain' }).end(`${' '.repeat(64 * 1024 - 10)}${TOKEN}`));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect((error as HttpError).status).toBe(403);
    expect((error as HttpError).detail).toBe('***');
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 8));
  });

  it('joins FastAPI validation messages, each after the field it names, and quotes plain-text bodies briefly', async () => {
    main.script(json(422, { detail: [{ loc: ['body', 'x'], msg: 'field required' }, { loc: ['body', 'y'], msg: 'bad' }] }));
    main.script((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end(`<h1>Not\n\n  Found</h1>${'x'.repeat(500)}`));
    const validation = await failure(client.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
    expect((validation as HttpError).detail).toBe('body.x: field required; body.y: bad');
    const notFound = await failure(client.getJson('/api/nope', runSchema, ctx()));
    expect((notFound as HttpError).detail).toMatch(/^<h1>Not Found<\/h1>x+…$/);
    expect((notFound as HttpError).detail?.length).toBeLessThanOrEqual(201);
    expect((notFound as HttpError).url).toBe(`${main.origin}/api/nope`);
  });

  it('reports a schema mismatch with the field path', async () => {
    main.script(json(200, { id: 'r1', status: 7 }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).problems).toContain('data.status');
    expect((error as Error).message).toContain('/api/runs/r1');
  });

  it('leaves no part of the token in the excerpt of a success body that is not JSON', async () => {
    main.script((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${'h'.repeat(182)} ${TOKEN}</p>`));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain('h'.repeat(182));
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 8));
  });

  it('reports a body that is not JSON as a ResponseShapeError naming the URL', async () => {
    main.script((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).url).toBe(`${main.origin}/api/runs/r1`);
  });
});

describe('redirects and base URL', () => {
  it('keeps a path prefix on the base URL', async () => {
    const prefixed = makeClient(`${main.origin}/ts/`);
    try {
      main.script(json(200, { id: 'r1', status: 'done' }));
      await prefixed.getJson('/api/runs/r1?x=1', runSchema, ctx());
      expect(main.seen[0]?.url).toBe('/ts/api/runs/r1?x=1');
    } finally {
      await prefixed.close();
    }
  });

  it('sends a request whose base path starts with an empty segment to the base host, not to the host that segment names', async () => {
    const otherHost = new URL(other.origin).host;
    const doubled = makeClient(`${main.origin}//${otherHost}/`);
    try {
      main.script(json(200, { id: 'r1', status: 'done' }));
      await doubled.getJson('/api/runs/r1', runSchema, ctx());
      expect(other.seen).toHaveLength(0);
      expect(main.seen.map((s) => s.url)).toEqual([`//${otherHost}/api/runs/r1`]);
    } finally {
      await doubled.close();
    }
  });

  it('keeps the Authorization header on a same-origin redirect', async () => {
    main.script(redirect(302, '/api/moved'), json(200, { id: 'r1', status: 'done' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen.map((s) => s.url)).toEqual(['/api/runs/r1', '/api/moved']);
    expect(main.seen.map((s) => s.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('drops the Authorization header on a cross-origin redirect', async () => {
    main.script(redirect(307, `${other.origin}/bucket/file?X-Amz-Signature=abc`));
    other.script(json(200, { id: 'r1', status: 'done' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('redacts signed query parameters of a redirect target in errors', async () => {
    main.script(redirect(302, `${other.origin}/bucket/file?X-Amz-Signature=s3cr3t&part=1`));
    other.script(json(404, { detail: 'NoSuchKey' }));
    const error = await failure(client.download('/api/runs/r1/artifact', join(workDir, 'gone.zip'), ctx()));
    expect((error as HttpError).url).toBe(`${other.origin}/bucket/file?X-Amz-Signature=REDACTED&part=1`);
    expect((error as Error).message).not.toContain('s3cr3t');
  });

  it('turns a POST into a body-less GET on 303', async () => {
    main.script(redirect(303, '/api/runs/r1'), json(200, { id: 'r1', status: 'pending' }));
    await client.postJson('/api/runs', { a: 1 }, runSchema, ctx(), { idempotent: false });
    expect(main.seen.map((s) => `${s.method} ${s.url} ${s.body.length}`)).toEqual(['POST /api/runs 7', 'GET /api/runs/r1 0']);
  });

  it('gives up after five redirects', async () => {
    main.script(...Array.from({ length: 6 }, () => redirect(302, '/api/loop')));
    const error = await failure(client.getJson('/api/loop', runSchema, ctx()));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(302);
    expect(main.seen).toHaveLength(6);
  });
});

describe('uploads and downloads', () => {
  it('uploads a file as multipart/form-data with a Content-Length', async () => {
    const bytes = randomBytes(1024 * 1024 + 17);
    const file = join(workDir, 'suites.zip');
    await writeFile(file, bytes);
    main.script((_req, res) => res.writeHead(201).end());
    await client.postFile('/api/projects/p/suites/', 'file', file, ctx(), { idempotent: false });

    const seen = main.seen[0];
    expect(seen?.headers['content-length']).toBe(String(seen?.body.length));
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
    const form = await new Response(seen?.body, { headers: { 'content-type': seen?.headers['content-type'] ?? '' } }).formData();
    const part = form.get('file');
    expect(part).toBeInstanceOf(Blob);
    expect((part as File).name).toBe('suites.zip');
    expect(Buffer.from(await (part as Blob).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('downloads a 5 MB body byte for byte', async () => {
    const bytes = randomBytes(5 * 1024 * 1024);
    main.script((_req, res) => res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes));
    const dest = join(workDir, 'artifact-1.zip');
    await expect(client.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: bytes.length });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(await readdir(workDir)).not.toContain('artifact-1.zip.part');
  });

  it('starts a download over when the connection breaks mid-body', async () => {
    const bytes = randomBytes(5 * 1024 * 1024);
    main.script(
      (req, res) => {
        res.writeHead(200, { 'content-length': String(bytes.length) });
        res.write(bytes.subarray(0, bytes.length / 2), () => req.socket.destroy());
      },
      (_req, res) => res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes),
    );
    const dest = join(workDir, 'artifact-2.zip');
    await expect(client.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: bytes.length });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(main.seen).toHaveLength(2);
    expect(logLines[0]).toMatch(/^GET \/api\/runs\/r1\/artifact → (UND_ERR_\w+|ECONNRESET), retrying/);
    expect(await readdir(workDir)).not.toContain('artifact-2.zip.part');
  });

  it('reports a failed download as HttpError and leaves no file behind', async () => {
    main.script(json(404, { detail: 'No artifact' }));
    const dest = join(workDir, 'artifact-3.zip');
    const error = await failure(client.download('/api/runs/r1/artifact', dest, ctx()));
    expect((error as HttpError).detail).toBe('No artifact');
    expect(await readdir(workDir)).not.toContain('artifact-3.zip');
  });
});

describe('content encodings', () => {
  const run = Buffer.from(JSON.stringify({ id: 'r1', status: 'done' }));

  it('asks for the body as it is on every request, redirects included', async () => {
    main.script(redirect(302, '/api/moved'), json(200, { id: 'r1', status: 'done' }));
    await client.getJson('/api/runs/r1', runSchema, ctx());
    expect(main.seen.map((s) => s.headers['accept-encoding'])).toEqual(['identity', 'identity']);
  });

  it.each(['gzip', 'x-gzip', 'deflate', 'br', 'GZip'])('decodes a JSON answer sent with Content-Encoding %s anyway', async (coding) => {
    const encode = ENCODERS[coding.toLowerCase()] ?? ((data: Buffer) => data);
    main.script(encoded(200, coding, encode(run)));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
  });

  it('decodes stacked codings in reverse order of application, and ignores identity', async () => {
    main.script(encoded(200, 'deflate, identity, br', brotliCompressSync(deflateSync(run))));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
  });

  it.each([
    ['zstd', 'zstd'],
    ['gzip, compress', 'compress'],
  ])('fails at once, naming the coding, when a JSON answer has Content-Encoding %s', async (header, named) => {
    main.script(encoded(200, header, run), json(200, { id: 'r1', status: 'done' }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`Content-Encoding '${named}'`);
    expect(main.seen).toHaveLength(1);
  });

  it('refuses more stacked codings than it decodes, listing them', async () => {
    main.script(encoded(200, 'gzip, gzip, gzip, gzip', gzipSync(gzipSync(gzipSync(gzipSync(run))))));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain('4 stacked Content-Encodings (gzip, gzip, gzip, gzip)');
  });

  it('fails at once, naming the coding, when a body is not valid in the coding it claims', async () => {
    main.script(encoded(200, 'gzip', run), json(200, { id: 'r1', status: 'done' }));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toMatch(/body is not valid gzip/);
    expect(main.seen).toHaveLength(1);
  });

  it('applies the JSON size limit to the decoded bytes, so a small gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(128 * 1024);
    main.script(encoded(200, 'gzip', bomb));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`larger than ${32 * 1024 * 1024} bytes`);
  });

  it('quotes the decoded detail of a compressed error answer', async () => {
    main.script(encoded(401, 'gzip', gzipSync(Buffer.from(JSON.stringify({ detail: 'Invalid token' })))));
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx()));
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).detail).toBe('Invalid token');
  });

  it('keeps the status of an error answer in a coding it cannot decode, says so in the detail, and retries a 503', async () => {
    main.script(encoded(503, 'zstd', Buffer.from('zz')));
    const error = await failure(client.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
    expect((error as HttpError).status).toBe(503);
    expect((error as HttpError).detail).toContain("Content-Encoding 'zstd'");

    main.script(encoded(503, 'zstd', Buffer.from('zz')), json(200, { id: 'r1', status: 'done' }));
    await expect(client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(3);
  });

  it('writes the decoded bytes of an artifact sent gzip-encoded', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    main.script(encoded(200, 'gzip', gzipSync(bytes), 'application/zip'));
    const dest = join(workDir, 'gzipped-artifact.zip');
    await expect(client.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: bytes.length });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(await readdir(workDir)).not.toContain('gzipped-artifact.zip.part');
  });

  it('refuses an artifact in a coding it cannot decode, leaving no file behind and not trying again', async () => {
    main.script(encoded(200, 'zstd', randomBytes(1024), 'application/zip'));
    const dest = join(workDir, 'zstd-artifact.zip');
    const error = await failure(client.download('/api/runs/r1/artifact', dest, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain("Content-Encoding 'zstd'");
    expect(main.seen).toHaveLength(1);
    expect((await readdir(workDir)).filter((name) => name.startsWith('zstd-artifact'))).toEqual([]);
  });

  it('removes the partial file when an artifact is not valid in the coding it claims', async () => {
    const broken = gzipSync(randomBytes(256 * 1024));
    broken.fill(0, 2048);
    main.script(encoded(200, 'gzip', broken, 'application/zip'));
    const dest = join(workDir, 'broken-artifact.zip');
    const error = await failure(client.download('/api/runs/r1/artifact', dest, ctx()));
    expect((error as Error).message).toMatch(/body is not valid gzip/);
    expect(main.seen).toHaveLength(1);
    expect((await readdir(workDir)).filter((name) => name.startsWith('broken-artifact'))).toEqual([]);
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
    expect(logLines[0]).toMatch(/^GET \/api\/runs\/r1 → ATTEMPT_TIMEOUT, retrying/);
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
    clock.advance(200);
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
    const dest = join(workDir, 'slow-artifact.zip');
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

describe('download size limit', () => {
  const MiB = 1024 * 1024;
  let capped: ClosableApiClient;
  beforeEach(() => {
    capped = makeClient(main.origin, { maxDownloadBytes: MiB, requestTimeoutMs: 5_000 });
  });
  afterEach(async () => {
    await capped.close();
  });
  const leftovers = async (prefix: string): Promise<string[]> => (await readdir(workDir)).filter((name) => name.startsWith(prefix));

  it('refuses an artifact whose Content-Length is over the limit before reading its body, and does not try again', async () => {
    // Declares 2 MiB but sends one byte and then nothing: only the refusal up front names the Content-Length.
    main.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(2 * MiB) });
      res.write('P');
    });
    await writeFile(join(workDir, 'declared-big.zip.part'), 'stale');
    const error = await failure(capped.download('/api/runs/r1/artifact', join(workDir, 'declared-big.zip'), ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`body is ${2 * MiB} bytes (Content-Length), more than the download limit of 1 MiB (${MiB} bytes)`);
    expect(main.seen).toHaveLength(1);
    expect(await leftovers('declared-big')).toEqual([]);
  });

  it('stops an artifact without a Content-Length once it passes the limit, removes the partial file and does not try again', async () => {
    main.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.end(randomBytes(3 * MiB));
    });
    const error = await failure(capped.download('/api/runs/r1/artifact', join(workDir, 'chunked-big.zip'), ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`body is larger than the download limit of 1 MiB (${MiB} bytes)`);
    expect(main.seen).toHaveLength(1);
    expect(await leftovers('chunked-big')).toEqual([]);
  });

  it('counts the decoded bytes of a compressed artifact against the limit', async () => {
    const packed = gzipSync(Buffer.alloc(4 * MiB));
    expect(packed.length).toBeLessThan(MiB);
    main.script(encoded(200, 'gzip', packed, 'application/zip'));
    const error = await failure(capped.download('/api/runs/r1/artifact', join(workDir, 'bomb.zip'), ctx()));
    expect((error as Error).message).toContain('larger than the download limit of 1 MiB');
    expect(await leftovers('bomb')).toEqual([]);
  });

  it('saves an artifact of exactly the limit', async () => {
    const bytes = randomBytes(MiB);
    main.script((_req, res) => res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes));
    const dest = join(workDir, 'at-limit.zip');
    await expect(capped.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: MiB });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });
});

describe('cancellation', () => {
  it('aborts an in-flight request and rejects with the signal reason', async () => {
    main.script(() => undefined); // never answers
    const controller = new AbortController();
    const arrived = main.nextRequest();
    const call = client.getJson('/api/runs/r1', runSchema, ctx(60_000, controller.signal));
    await arrived;
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });

  it('does not start a request once the deadline has passed', async () => {
    const error = await failure(client.getJson('/api/runs/r1', runSchema, ctx(-1)));
    expect((error as Error).name).toBe('TimeoutError');
    expect(main.seen).toHaveLength(0);
  });
});
