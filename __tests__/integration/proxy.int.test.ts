import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { FakeClock } from '../../src/core/clock.js';
import { ConfigurationError, NetworkError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import { createApiClient, type ClosableApiClient } from '../../src/http/http-client.js';
import type { ProxySettings } from '../../src/http/proxy.js';
import { DEFAULT_RETRY_POLICY } from '../../src/http/retry-policy.js';
import { TestingStudioPlatform } from '../../src/providers/testing-studio/provider.js';
import { ConnectProxy, type ConnectProxyOptions } from '../emulator/connect-proxy.js';
import { FAILING_SCENARIO, GIT_PROJECT_ID, startEmulator, type Emulator } from '../emulator/testing-studio-emulator.js';

let emulator: Emulator;
let proxy: ConnectProxy | undefined;
let client: ClosableApiClient | undefined;
const ctx = (): CallContext => ({ signal: new AbortController().signal, deadline: Date.now() + 60_000 });

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await client?.close();
  await proxy?.stop();
  await emulator.close();
  client = undefined;
  proxy = undefined;
});

async function startProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  proxy = await ConnectProxy.start(options);
  return proxy;
}

/** The Testing Studio platform over a client configured with `settings` (retries on a fake clock: no real waiting). */
function platformVia(settings: ProxySettings): TestingStudioPlatform {
  client = createApiClient({
    baseUrl: new URL(emulator.url),
    token: emulator.token,
    userAgent: 'test',
    clock: new FakeClock(Date.now()),
    proxy: settings,
  });
  return new TestingStudioPlatform({ client, projectId: GIT_PROJECT_ID, onSecret: () => undefined, log: () => undefined, warning: () => undefined });
}

const emulatorHost = (): string => new URL(emulator.url).host;

describe('API requests behind a proxy', () => {
  it('go through the proxy in HTTP_PROXY, which sees the tunnel target but never the API token', async () => {
    const p = await startProxy();
    const platform = platformVia({ httpProxy: p.url() });
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0 });
    const run = await platform.startRun({}, ctx());
    expect((await platform.getRun(run.id, ctx())).state).toBe('failed');

    expect(p.tunnels.length).toBeGreaterThanOrEqual(1);
    expect(p.tunnels.every((t) => t.target === emulatorHost() && t.status === 200)).toBe(true);
    expect(JSON.stringify(p.tunnels)).not.toContain(emulator.token);
    expect(emulator.countRequests('POST', '/api/runs')).toBe(1);
  });

  it('go direct to hosts listed in NO_PROXY', async () => {
    const p = await startProxy();
    const platform = platformVia({ httpProxy: p.url(), noProxy: 'localhost, 127.0.0.1' });
    await platform.prepare({ uploading: false }, ctx());
    expect(p.tunnels).toHaveLength(0);
    expect(emulator.requests.length).toBeGreaterThan(0);
  });

  it('go direct to an IPv6 API host that NO_PROXY lists without brackets, or spelled out in full, as curl accepts it', async () => {
    const p = await startProxy({ refuseWith: 403 });
    for (const noProxy of ['localhost,127.0.0.1,::1', '0:0:0:0:0:0:0:1', '[::1]']) {
      // Nothing listens on [::1]:9: what matters is which way the request went, not its answer.
      const direct = createApiClient({
        baseUrl: new URL('http://[::1]:9/'),
        token: 't',
        userAgent: 'test',
        clock: new FakeClock(0),
        retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
        proxy: { httpProxy: p.url(), noProxy },
      });
      await direct.getJson('/api/projects/', z.unknown(), ctx()).catch(() => undefined);
      await direct.close();
      expect({ noProxy, tunnels: p.tunnels.length }).toEqual({ noProxy, tunnels: 0 });
    }
  });

  it('go direct to an API host written as an address inside a NO_PROXY subnet (CIDR), as curl 7.86+ does', async () => {
    const p = await startProxy({ refuseWith: 403 });
    for (const noProxy of ['10.0.0.0/8,127.0.0.0/8', '127.0.0.1/32']) {
      await platformVia({ httpProxy: p.url(), noProxy }).prepare({ uploading: false }, ctx());
      await client?.close();
      client = undefined;
    }
    expect(p.tunnels).toHaveLength(0);
    // An address outside every subnet listed still goes through the proxy (which refuses it here).
    const outside = platformVia({ httpProxy: p.url(), noProxy: '10.0.0.0/8, 192.168.0.0/16' });
    await expect(outside.prepare({ uploading: false }, ctx())).rejects.toThrow('list 127.0.0.1 in NO_PROXY');
    expect(p.tunnels).toHaveLength(1);
  });

  it('go direct when only HTTPS_PROXY is set and the API is http://, as curl does', async () => {
    const p = await startProxy();
    await platformVia({ httpsProxy: p.url() }).prepare({ uploading: false }, ctx());
    expect(p.tunnels).toHaveLength(0);
  });

  it('send the user and password in the proxy URL, percent-decoded, as Basic proxy credentials', async () => {
    const p = await startProxy({ credentials: 'ci bot:p@ss:word' });
    await platformVia({ httpProxy: p.url('ci%20bot:p%40ss%3Aword') }).prepare({ uploading: false }, ctx());
    expect(p.tunnels.map((t) => t.status)).toEqual([200]);
  });

  it('fail at once, saying what to fix, when the proxy rejects its credentials (407)', async () => {
    const p = await startProxy({ credentials: 'ci:right-password' });
    const failure = platformVia({ httpProxy: p.url('ci:wrong-password') }).prepare({ uploading: false }, ctx());
    await expect(failure).rejects.toThrow(ConfigurationError);
    await expect(failure).rejects.toThrow(/proxy in HTTP_PROXY refused to connect to 127\.0\.0\.1:\d+ \(HTTP 407\): check the user and password/);
    await expect(failure).rejects.not.toThrow(/wrong-password/);
    expect(p.tunnels).toHaveLength(1);
    expect(emulator.requests).toHaveLength(0);
  });

  it('suggest NO_PROXY when the proxy does not allow the host (403)', async () => {
    await startProxy({ refuseWith: 403 });
    const failure = platformVia({ httpProxy: proxy?.url() }).prepare({ uploading: false }, ctx());
    await expect(failure).rejects.toThrow(/HTTP 403\): list 127\.0\.0\.1 in NO_PROXY/);
  });

  it('retry a tunnel the proxy could not open (502) like any network failure, then report it', async () => {
    const p = await startProxy({ refuseWith: 502 });
    const failure = platformVia({ httpProxy: p.url() }).prepare({ uploading: false }, ctx());
    await expect(failure).rejects.toThrow(NetworkError);
    await expect(failure).rejects.toThrow(/failed: PROXY_502/);
    expect(p.tunnels).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(emulator.requests).toHaveLength(0);
  });
});
