// A certificate the runner does not trust fails at once, with a hint, whichever code OpenSSL gives it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { describeError } from '../../src/ci/describe-error.js';
import { FakeClock } from '../../src/core/clock.js';
import { isTransientError, NetworkError } from '../../src/core/errors.js';
import { createApiClient } from '../../src/http/http-client.js';

/** A leaf certificate from a private CA, served without that CA: UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/tls-private-ca-leaf.json', import.meta.url), 'utf8')) as { cert: string; key: string };

describe('an https API whose certificate comes from a CA the runner does not trust', () => {
  let server: Server;
  let connections = 0;
  let requests = 0;

  beforeAll(async () => {
    server = createServer({ cert: fixture.cert, key: fixture.key }, (_req, res) => {
      requests++;
      res.end('{}');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails at once, as not sent, with the hint to trust the CA, and is not taken for a passing network problem', async () => {
    const { port } = server.address() as AddressInfo;
    const clock = new FakeClock(0);
    const client = createApiClient({ baseUrl: new URL(`https://127.0.0.1:${port}`), token: 't', userAgent: 'test', clock });
    try {
      const error = await client.getJson('/api/projects/', z.unknown(), { signal: new AbortController().signal, deadline: 60_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', maybeSent: false });
      expect(describeError(error)).toMatch(/NODE_EXTRA_CA_CERTS/);
      expect(isTransientError(error)).toBe(false);
      expect(clock.sleeps).toEqual([]);
      expect(requests).toBe(0);
      expect(connections).toBe(1); // one attempt, not retried
    } finally {
      await client.close();
    }
  });
});
