/**
 * The client sends the token to the base URL's origin only, whatever builds
 * the request URL. `apiUrl` no longer leaves that origin, so to check the
 * client's own guard it is replaced here by one that sends every request to
 * another server, as a path-building bug would.
 */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { FakeClock } from '../../src/core/clock.js';

const real = await import('../../src/http/redirect.js');
const elsewhere = { origin: '' };
jest.unstable_mockModule('../../src/http/redirect.js', () => ({
  ...real,
  apiUrl: (_base: URL, path: string) => new URL(path, elsewhere.origin),
}));
const { createApiClient } = await import('../../src/http/http-client.js');

const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('does not send the token on a first request whose URL is not on the base origin', async () => {
  const clock = new FakeClock(1_700_000_000_000);
  const client = createApiClient({ baseUrl: new URL('http://localhost:1'), token: 'secret-token-abc123', userAgent: 'test', clock });
  try {
    await expect(client.getJson('/api/x', z.object({ ok: z.boolean() }), { signal: new AbortController().signal, deadline: clock.now() + 60_000 })).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authorization).toBeUndefined();
  } finally {
    await client.close();
  }
});
