import { afterEach, describe, expect, it } from '@jest/globals';
import { EnvHttpProxyAgent } from 'undici';
import { ConfigurationError, NetworkError } from '../../src/core/errors.js';
import {
  createProxyRouter,
  describeProxySettings,
  noProxyForUndici,
  noProxySubnets,
  proxyRefusal,
  proxySecrets,
  proxySettingsFromEnv,
  type ProxyRouter,
} from '../../src/http/proxy.js';

describe('proxySettingsFromEnv', () => {
  it('reads nothing from an environment without proxy variables', () => {
    expect(proxySettingsFromEnv({ PATH: '/usr/bin', HOME: '/root' })).toEqual({});
  });

  it('prefers the lowercase variable, as curl does, and falls back to the uppercase one', () => {
    const env = { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2', HTTPS_PROXY: 'http://upper:3', NO_PROXY: '.corp' };
    expect(proxySettingsFromEnv(env)).toEqual({ httpProxy: 'http://lower:1/', httpsProxy: 'http://upper:3/', noProxy: '.corp' });
  });

  it('ignores empty and blank values', () => {
    expect(proxySettingsFromEnv({ https_proxy: '  ', HTTPS_PROXY: 'http://used:8080', no_proxy: '' })).toEqual({
      httpsProxy: 'http://used:8080/',
    });
  });

  it('reads a proxy without a scheme as http://', () => {
    expect(proxySettingsFromEnv({ HTTPS_PROXY: 'proxy.corp:3128' }).httpsProxy).toBe('http://proxy.corp:3128/');
  });

  it('rejects a value that is not a proxy URL, naming the variable but not echoing the value', () => {
    const read = (): unknown => proxySettingsFromEnv({ HTTPS_PROXY: 'ftp://user:s3cret@proxy.corp' });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/^HTTPS_PROXY is not a proxy URL/);
    expect(read).not.toThrow(/s3cret/);
  });

  it("rejects credentials with a '%' that is not percent-encoding, saying how to write it, without echoing them", () => {
    const read = (): unknown => proxySettingsFromEnv({ HTTPS_PROXY: 'http://ci:50%off@proxy.corp:3128' });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/^HTTPS_PROXY holds a user name or password with a '%' that is not percent-encoding: write a literal '%' as %25/);
    expect(read).not.toThrow(/50%off/);
    expect(proxySettingsFromEnv({ HTTPS_PROXY: 'http://ci:50%25off@proxy.corp:3128' }).httpsProxy).toBe('http://ci:50%25off@proxy.corp:3128/');
  });
});

describe('proxySecrets', () => {
  it('lists each proxy password both as written and percent-decoded, and nothing when there is none', () => {
    expect(proxySecrets({ httpsProxy: 'http://ci:p%40ss@proxy:1/', httpProxy: 'http://proxy:2/' })).toEqual(['p%40ss', 'p@ss']);
    expect(proxySecrets({ noProxy: '*' })).toEqual([]);
  });
});

describe('noProxyForUndici', () => {
  it('writes IPv6 entries as the URL parser spells the address, bracketed, and leaves the rest alone', () => {
    expect(noProxyForUndici('localhost,127.0.0.1,::1')).toBe('localhost,127.0.0.1,[::1]');
    expect(noProxyForUndici('0:0:0:0:0:0:0:1 [2001:DB8::1]:8443')).toBe('[::1],[2001:db8::1]:8443');
    expect(noProxyForUndici('.corp.example, example.com:443')).toBe('.corp.example,example.com:443');
    expect(noProxyForUndici('*')).toBe('*');
  });
});

describe('describeProxySettings', () => {
  it('names each proxy without its credentials, and the bypass list', () => {
    const line = describeProxySettings({ httpsProxy: 'http://ci:p%40ss@proxy.corp:3128/', noProxy: 'localhost,.corp' });
    expect(line).toBe('Proxy from the environment: https:// through http://proxy.corp:3128; not for localhost,.corp.');
  });

  it('says nothing when no proxy is configured, even with NO_PROXY set', () => {
    expect(describeProxySettings({ noProxy: 'localhost' })).toBeUndefined();
  });
});

describe('createProxyRouter', () => {
  let router: ProxyRouter | undefined;
  afterEach(async () => {
    await router?.close();
    router = undefined;
  });

  it('sends https:// requests direct when only HTTP_PROXY is set (undici alone would use HTTP_PROXY for them)', () => {
    router = createProxyRouter({}, { httpProxy: 'http://proxy:3128/' });
    expect(router.dispatcherFor(new URL('http://studio.example.com'))).toBeInstanceOf(EnvHttpProxyAgent);
    expect(router.dispatcherFor(new URL('https://studio.example.com'))).not.toBeInstanceOf(EnvHttpProxyAgent);
  });

  it('uses one direct pool for every scheme when no proxy is set', () => {
    router = createProxyRouter({}, { noProxy: '*' });
    expect(router.dispatcherFor(new URL('https://a.example'))).toBe(router.dispatcherFor(new URL('http://b.example')));
  });
});

describe('proxyRefusal', () => {
  const api = new URL('https://studio.example.com/api/projects/x');
  const refused = (status: number): Error => Object.assign(new Error(`Proxy response (${status}) !== 200 when HTTP Tunneling`), { code: 'UND_ERR_ABORTED' });

  it('turns a 407 into a configuration error that points at the credentials of the variable in use', () => {
    const error = proxyRefusal(refused(407), 'GET', api);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toBe(
      'The proxy in HTTPS_PROXY refused to connect to studio.example.com (HTTP 407): check the user and password in its URL.',
    );
  });

  it('turns a proxy 5xx into a retryable network failure that never reached the API', () => {
    const error = proxyRefusal(new Error('connect failed', { cause: refused(503) }), 'POST', api);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'PROXY_503', maybeSent: false });
  });

  it('fails at once on a proxy that answers CONNECT with 501, which retrying cannot change', () => {
    const error = proxyRefusal(refused(501), 'GET', api);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toMatch(/^The proxy in HTTPS_PROXY refused to connect to studio\.example\.com \(HTTP 501\): it does not open tunnels/);
  });

  it('leaves every other error alone', () => {
    expect(proxyRefusal(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'GET', api)).toBeUndefined();
    expect(proxyRefusal('Proxy response (407) !== 200', 'GET', api)).toBeUndefined();
  });
});

describe('noProxySubnets', () => {
  it('reads the CIDR entries of NO_PROXY, IPv4 and IPv6, bracketed or not, and nothing else', () => {
    const subnets = noProxySubnets('localhost, 10.0.0.0/8 [fd00::]/8,.corp.example,::1/128, 1.2.3.4/33, notanip/8');
    expect(subnets?.check('10.20.30.40', 'ipv4')).toBe(true);
    expect(subnets?.check('11.0.0.1', 'ipv4')).toBe(false);
    expect(subnets?.check('fd12::1', 'ipv6')).toBe(true);
    expect(subnets?.check('::1', 'ipv6')).toBe(true);
    expect(subnets?.check('1.2.3.4', 'ipv4')).toBe(false);
    expect(noProxySubnets('localhost,.corp.example,127.0.0.1')).toBeUndefined();
  });
});
