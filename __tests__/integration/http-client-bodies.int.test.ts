// The HTTP client against real sockets: request and response bodies, from uploads and downloads to content encodings and the download size limit.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { HttpError, ResponseShapeError } from '../../src/core/errors.js';
import type { ClosableApiClient } from '../../src/http/http-client.js';
import { failure, httpClientScene, runSchema } from '../helpers/http-client-scene.js';
import { json, redirect, type Step } from '../helpers/scripted-server.js';

const scene = httpClientScene();
const { main, makeClient, ctx } = scene;

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

describe('uploads and downloads', () => {
  it('uploads a file as multipart/form-data with a Content-Length', async () => {
    const bytes = randomBytes(1024 * 1024 + 17);
    const file = join(scene.workDir, 'suites.zip');
    await writeFile(file, bytes);
    main.script((_req, res) => res.writeHead(201).end());
    await scene.client.postFile('/api/projects/p/suites/', 'file', file, ctx(), { idempotent: false });

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
    const dest = join(scene.workDir, 'artifact-1.zip');
    await expect(scene.client.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: bytes.length });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(await readdir(scene.workDir)).not.toContain('artifact-1.zip.part');
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
    const dest = join(scene.workDir, 'artifact-2.zip');
    await expect(scene.client.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: bytes.length });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(main.seen).toHaveLength(2);
    expect(scene.logLines[0]).toMatch(/^GET \/api\/runs\/r1\/artifact → (UND_ERR_\w+|ECONNRESET), retrying/);
    expect(await readdir(scene.workDir)).not.toContain('artifact-2.zip.part');
  });

  it('removes the downloaded .part file when it cannot be renamed into place (the unchecked artifact must not be left to be uploaded)', async () => {
    // A folder in the way makes the rename fail here; on Windows, another process holding the file (an antivirus scan) does.
    const bytes = randomBytes(64 * 1024);
    main.script((_req, res) => res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes));
    const dest = join(scene.workDir, 'artifact-held.zip');
    await mkdir(join(dest, 'in-the-way'), { recursive: true });
    await expect(scene.client.download('/api/runs/r1/artifact', dest, ctx())).rejects.toThrow(/rename/);
    expect(await readdir(scene.workDir)).not.toContain('artifact-held.zip.part');
  });

  it('reports a failed download as HttpError and leaves no file behind', async () => {
    main.script(json(404, { detail: 'No artifact' }));
    const dest = join(scene.workDir, 'artifact-3.zip');
    const error = await failure(scene.client.download('/api/runs/r1/artifact', dest, ctx()));
    expect((error as HttpError).detail).toBe('No artifact');
    expect(await readdir(scene.workDir)).not.toContain('artifact-3.zip');
  });
});

describe('content encodings', () => {
  const run = Buffer.from(JSON.stringify({ id: 'r1', status: 'done' }));

  it('asks for the body as it is on every request, redirects included', async () => {
    main.script(redirect(302, '/api/moved'), json(200, { id: 'r1', status: 'done' }));
    await scene.client.getJson('/api/runs/r1', runSchema, ctx());
    expect(main.seen.map((s) => s.headers['accept-encoding'])).toEqual(['identity', 'identity']);
  });

  it.each(['gzip', 'x-gzip', 'deflate', 'br', 'GZip'])('decodes a JSON answer sent with Content-Encoding %s anyway', async (coding) => {
    const encode = ENCODERS[coding.toLowerCase()] ?? ((data: Buffer) => data);
    main.script(encoded(200, coding, encode(run)));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
  });

  it('decodes stacked codings in reverse order of application, and ignores identity', async () => {
    main.script(encoded(200, 'deflate, identity, br', brotliCompressSync(deflateSync(run))));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
  });

  it.each([
    ['zstd', 'zstd'],
    ['gzip, compress', 'compress'],
  ])('fails at once, naming the coding, when a JSON answer has Content-Encoding %s', async (header, named) => {
    main.script(encoded(200, header, run), json(200, { id: 'r1', status: 'done' }));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`Content-Encoding '${named}'`);
    expect(main.seen).toHaveLength(1);
  });

  it('refuses more stacked codings than it decodes, listing them', async () => {
    main.script(encoded(200, 'gzip, gzip, gzip, gzip', gzipSync(gzipSync(gzipSync(gzipSync(run))))));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain('4 stacked Content-Encodings (gzip, gzip, gzip, gzip)');
  });

  it('fails at once, naming the coding, when a body is not valid in the coding it claims', async () => {
    main.script(encoded(200, 'gzip', run), json(200, { id: 'r1', status: 'done' }));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toMatch(/body is not valid gzip/);
    expect(main.seen).toHaveLength(1);
  });

  it('applies the JSON size limit to the decoded bytes, so a small gzip bomb is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(128 * 1024);
    main.script(encoded(200, 'gzip', bomb));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`body is larger than the limit of 32 MiB (${32 * 1024 * 1024} bytes) for an API answer`);
  });

  it('quotes the decoded detail of a compressed error answer', async () => {
    main.script(encoded(401, 'gzip', gzipSync(Buffer.from(JSON.stringify({ detail: 'Invalid token' })))));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).detail).toBe('Invalid token');
  });

  it('keeps the status of an error answer in a coding it cannot decode, says so in the detail, and retries a 503', async () => {
    main.script(encoded(503, 'zstd', Buffer.from('zz')));
    const error = await failure(scene.client.postJson('/api/runs', {}, runSchema, ctx(), { idempotent: false }));
    expect((error as HttpError).status).toBe(503);
    expect((error as HttpError).detail).toContain("Content-Encoding 'zstd'");

    main.script(encoded(503, 'zstd', Buffer.from('zz')), json(200, { id: 'r1', status: 'done' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'done' });
    expect(main.seen).toHaveLength(3);
  });

  it('writes the decoded bytes of an artifact sent gzip-encoded', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    main.script(encoded(200, 'gzip', gzipSync(bytes), 'application/zip'));
    const dest = join(scene.workDir, 'gzipped-artifact.zip');
    await expect(scene.client.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: bytes.length });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
    expect(await readdir(scene.workDir)).not.toContain('gzipped-artifact.zip.part');
  });

  it('names the download limit, not the coding, when a gzip-encoded artifact decodes to more than the limit', async () => {
    const capped = makeClient(main.origin, { maxDownloadBytes: 1024 * 1024 });
    try {
      main.script(encoded(200, 'gzip', gzipSync(Buffer.alloc(4 * 1024 * 1024)), 'application/zip'));
      const error = await failure(capped.download('/api/runs/r1/artifact', join(scene.workDir, 'bomb.zip'), ctx()));
      expect((error as Error).message).toMatch(/download limit of 1 MiB/);
      expect((error as Error).message).not.toMatch(/not valid gzip/);
      expect((await readdir(scene.workDir)).filter((name) => name.startsWith('bomb'))).toEqual([]);
    } finally {
      await capped.close();
    }
  });

  it('reports a file-system error while a gzip-encoded artifact is written as itself, not as bad gzip', async () => {
    const packed = gzipSync(randomBytes(1024 * 1024));
    main.script(encoded(200, 'gzip', packed, 'application/zip'));
    const error = await failure(scene.client.download('/api/runs/r1/artifact', join(scene.workDir, 'no-such-folder', 'a.zip'), ctx()));
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect((error as Error).message).not.toMatch(/not valid gzip/);
  });

  it('refuses an artifact in a coding it cannot decode, leaving no file behind and not trying again', async () => {
    main.script(encoded(200, 'zstd', randomBytes(1024), 'application/zip'));
    const dest = join(scene.workDir, 'zstd-artifact.zip');
    const error = await failure(scene.client.download('/api/runs/r1/artifact', dest, ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain("Content-Encoding 'zstd'");
    expect(main.seen).toHaveLength(1);
    expect((await readdir(scene.workDir)).filter((name) => name.startsWith('zstd-artifact'))).toEqual([]);
  });

  it('removes the partial file when an artifact is not valid in the coding it claims', async () => {
    const broken = gzipSync(randomBytes(256 * 1024));
    broken.fill(0, 2048);
    main.script(encoded(200, 'gzip', broken, 'application/zip'));
    const dest = join(scene.workDir, 'broken-artifact.zip');
    const error = await failure(scene.client.download('/api/runs/r1/artifact', dest, ctx()));
    expect((error as Error).message).toMatch(/body is not valid gzip/);
    expect(main.seen).toHaveLength(1);
    expect((await readdir(scene.workDir)).filter((name) => name.startsWith('broken-artifact'))).toEqual([]);
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
  const leftovers = async (prefix: string): Promise<string[]> => (await readdir(scene.workDir)).filter((name) => name.startsWith(prefix));

  it('refuses an artifact whose Content-Length is over the limit before reading its body, and does not try again', async () => {
    // Declares 2 MiB but sends one byte and then nothing: only the refusal up front names the Content-Length.
    main.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(2 * MiB) });
      res.write('P');
    });
    await writeFile(join(scene.workDir, 'declared-big.zip.part'), 'stale');
    const error = await failure(capped.download('/api/runs/r1/artifact', join(scene.workDir, 'declared-big.zip'), ctx()));
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
    const error = await failure(capped.download('/api/runs/r1/artifact', join(scene.workDir, 'chunked-big.zip'), ctx()));
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toContain(`body is larger than the download limit of 1 MiB (${MiB} bytes)`);
    expect(main.seen).toHaveLength(1);
    expect(await leftovers('chunked-big')).toEqual([]);
  });

  it('counts the decoded bytes of a compressed artifact against the limit', async () => {
    const packed = gzipSync(Buffer.alloc(4 * MiB));
    expect(packed.length).toBeLessThan(MiB);
    main.script(encoded(200, 'gzip', packed, 'application/zip'));
    const error = await failure(capped.download('/api/runs/r1/artifact', join(scene.workDir, 'bomb.zip'), ctx()));
    expect((error as Error).message).toContain('larger than the download limit of 1 MiB');
    expect(await leftovers('bomb')).toEqual([]);
  });

  it('saves an artifact of exactly the limit', async () => {
    const bytes = randomBytes(MiB);
    main.script((_req, res) => res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes));
    const dest = join(scene.workDir, 'at-limit.zip');
    await expect(capped.download('/api/runs/r1/artifact', dest, ctx())).resolves.toEqual({ bytes: MiB });
    expect((await readFile(dest)).equals(bytes)).toBe(true);
  });
});
