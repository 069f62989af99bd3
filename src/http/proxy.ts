/**
 * Outbound proxies, configured the way every HTTP tool on a runner is: the
 * `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` environment variables (lowercase
 * first, as curl reads them). A self-hosted GitHub runner set up with a proxy
 * exports them to every step, and GitLab runners pass them the same way, so
 * an action that ignored them would fail only on the networks that need them.
 *
 * Conventions follow curl and @actions/http-client rather than undici's
 * EnvHttpProxyAgent where they differ: an https:// URL uses HTTPS_PROXY only
 * (undici would fall back to HTTP_PROXY), and a value without a scheme
 * (`proxy.corp:3128`) means http://.
 */
import { BlockList, isIP } from 'node:net';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ConfigurationError, NetworkError, isTransientHttpStatus } from '../core/errors.js';
import { errorChain } from './error-chain.js';
import { displayUrl } from './redirect.js';

/** Where requests go when they do not go direct. Built by {@link proxySettingsFromEnv}. */
export interface ProxySettings {
  /** Proxy for http:// URLs, e.g. `http://proxy.corp:3128`; may carry `user:password@`. */
  httpProxy?: string;
  /** Proxy for https:// URLs. */
  httpsProxy?: string;
  /** Hosts that bypass the proxy: comma- or space-separated names, `.domain` suffixes, `host:port`, or `*`. */
  noProxy?: string;
}

/** The variables behind each setting, in the order they are read. */
const PROXY_VARIABLES = {
  httpProxy: ['http_proxy', 'HTTP_PROXY'],
  httpsProxy: ['https_proxy', 'HTTPS_PROXY'],
  noProxy: ['no_proxy', 'NO_PROXY'],
} as const;

const PROXY_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/**
 * Reads the proxy variables. A proxy URL that does not parse fails here,
 * before any request, naming the variable but never echoing its value (it
 * may hold a password).
 */
export function proxySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const settings: ProxySettings = {};
  for (const key of ['httpProxy', 'httpsProxy', 'noProxy'] as const) {
    for (const name of PROXY_VARIABLES[key]) {
      const value = env[name]?.trim();
      if (!value) continue;
      settings[key] = key === 'noProxy' ? value : proxyUrl(name, value).href;
      break;
    }
  }
  return settings;
}

function proxyUrl(variable: string, value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    // reported below
  }
  if (url && PROXY_PROTOCOLS.has(url.protocol) && url.hostname) {
    // The credentials are percent-decoded before they are sent: a bare '%' (a password such as 50%off) cannot be.
    if (!decodes(url.username) || !decodes(url.password)) {
      throw new ConfigurationError(
        `${variable} holds a user name or password with a '%' that is not percent-encoding: write a literal '%' as %25 (the value is not shown: it may hold a password).`,
      );
    }
    return url;
  }
  throw new ConfigurationError(
    `${variable} is not a proxy URL such as http://proxy.example.com:3128 (its value is not shown: it may hold a password).`,
  );
}

/** Whether `text` is valid percent-encoding throughout. */
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Passwords in the proxy URLs, raw and decoded, to mask in every output. */
export function proxySecrets(settings: ProxySettings): string[] {
  const secrets = new Set<string>();
  for (const value of [settings.httpProxy, settings.httpsProxy]) {
    if (!value) continue;
    const { password } = new URL(value);
    if (!password) continue;
    secrets.add(password);
    secrets.add(decodeURIComponent(password));
  }
  return [...secrets];
}

/** One log line saying which proxies are in use, without credentials; undefined when none. */
export function describeProxySettings(settings: ProxySettings): string | undefined {
  const parts: string[] = [];
  if (settings.httpsProxy) parts.push(`https:// through ${withoutCredentials(settings.httpsProxy)}`);
  if (settings.httpProxy) parts.push(`http:// through ${withoutCredentials(settings.httpProxy)}`);
  if (parts.length === 0) return undefined;
  return `Proxy from the environment: ${parts.join(', ')}${settings.noProxy ? `; not for ${settings.noProxy}` : ''}.`;
}

/** A proxy's origin (which never holds credentials); a SOCKS URL has none, so its URL less credentials. */
function withoutCredentials(value: string): string {
  const url = new URL(value);
  return url.origin === 'null' ? displayUrl(url) : url.origin;
}

/** The variable a URL's requests take their proxy from, for messages. */
function proxyVariableFor(url: URL): string {
  return url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
}

/** Picks the connection pool for each request: direct, or through the proxy its scheme uses. */
export interface ProxyRouter {
  dispatcherFor(url: URL): Dispatcher;
  close(): Promise<void>;
}

/**
 * Connection pools for `settings`: one direct, plus one per configured proxy
 * (each honours NO_PROXY itself). With no proxy configured every request
 * goes through the one direct pool.
 */
export function createProxyRouter(agentOptions: Agent.Options, settings: ProxySettings): ProxyRouter {
  const direct = new Agent(agentOptions);
  // A proxy agent ignores `connect`: it builds its sockets from proxyTls (to the
  // proxy) and requestTls (TLS through the tunnel), so the same socket options go there.
  const socketOptions = typeof agentOptions.connect === 'object' ? { proxyTls: agentOptions.connect, requestTls: agentOptions.connect } : {};
  // Both fields point at one proxy, so undici's own https → http fallback cannot apply.
  const through = (proxy: string | undefined): Dispatcher =>
    proxy
      ? new EnvHttpProxyAgent({ ...agentOptions, ...socketOptions, httpProxy: proxy, httpsProxy: proxy, noProxy: noProxyForUndici(settings.noProxy ?? '') })
      : direct;
  const http = through(settings.httpProxy);
  const https = through(settings.httpsProxy);
  const subnets = noProxySubnets(settings.noProxy ?? '');
  return {
    dispatcherFor: (url) => (subnets && inSubnets(subnets, url.hostname) ? direct : url.protocol === 'https:' ? https : http),
    close: async () => {
      await Promise.all([...new Set([direct, http, https])].map((dispatcher) => dispatcher.close()));
    },
  };
}

/**
 * NO_PROXY's CIDR entries (`10.0.0.0/8`, `fd00::/8`), which undici does not
 * read and curl (7.86+) does: an API host written as an IP address in one of
 * them goes direct. Undefined when there are none. Host names are not
 * resolved for this, as curl does not.
 */
export function noProxySubnets(value: string): BlockList | undefined {
  const list = new BlockList();
  let any = false;
  for (const entry of value.split(/[,\s]+/)) {
    const [, address = '', bits] = /^\[?([0-9a-fA-F:.]+)\]?\/(\d{1,3})$/.exec(entry) ?? [];
    const family = ipFamily(address);
    const prefix = Number(bits);
    if (!family || prefix > (family === 'ipv4' ? 32 : 128)) continue;
    list.addSubnet(address, prefix, family);
    any = true;
  }
  return any ? list : undefined;
}

/** Whether `hostname` (as a URL spells it: IPv6 in brackets) is an IP address inside `subnets`. */
function inSubnets(subnets: BlockList, hostname: string): boolean {
  const address = hostname.replace(/^\[(.*)\]$/, '$1');
  const family = ipFamily(address);
  return family !== undefined && subnets.check(address, family);
}

/** The family of an IP address, as BlockList names it; undefined for anything else. */
function ipFamily(address: string): 'ipv4' | 'ipv6' | undefined {
  const family = isIP(address);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : undefined;
}

/**
 * NO_PROXY as undici matches it. undici compares an IPv6 host with its
 * brackets (`[::1]`) and reads `host:port` at the last colon, so an entry
 * written as curl accepts it, `::1`, would be taken for host `:` and port 1,
 * and `0:0:0:0:0:0:0:1` would never equal `[::1]`: such entries are written
 * as the URL parser spells the address (`[::1]`, and `[::1]:8080` with a port).
 */
export function noProxyForUndici(value: string): string {
  if (value.trim() === '*') return value;
  return value
    .split(/[,\s]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      const address = bracketed ? bracketed[1] : (entry.match(/:/g) ?? []).length >= 2 ? entry : undefined;
      if (address === undefined) return entry;
      try {
        const host = new URL(`http://[${address}]/`).hostname;
        return bracketed?.[2] ? `${host}:${bracketed[2]}` : host;
      } catch {
        return entry;
      }
    })
    .join(',');
}

/** undici's message when a proxy answers CONNECT with anything but 200 (undici 7, lib/dispatcher/proxy-agent.js). */
const TUNNEL_REFUSED = /^Proxy response \((\d{3})\) !== 200/;

/**
 * The error for a request whose proxy refused the tunnel, or undefined when
 * `error` is something else. Nothing reached the API either way. A proxy's
 * temporary 5xx (its upstream unreachable) is network trouble, retried like
 * any; the rest will not change by retrying (407: bad credentials, 403: host
 * not allowed, 501: no CONNECT support), so they fail at once, saying what
 * to fix.
 */
export function proxyRefusal(error: unknown, method: string, url: URL): NetworkError | ConfigurationError | undefined {
  const status = refusedStatus(error);
  if (status === undefined) return undefined;
  if (isTransientHttpStatus(status)) return new NetworkError(method, displayUrl(url), `PROXY_${status}`, false, { cause: error });
  const variable = proxyVariableFor(url);
  const hint =
    status === 407
      ? 'check the user and password in its URL'
      : status >= 500
        ? `it does not open tunnels (CONNECT); list ${url.hostname} in NO_PROXY if it is reachable directly, or use a proxy that does`
        : `list ${url.hostname} in NO_PROXY if it is reachable directly, or ask the proxy's admins to allow it`;
  return new ConfigurationError(`The proxy in ${variable} refused to connect to ${url.host} (HTTP ${status}): ${hint}.`);
}

function refusedStatus(error: unknown): number | undefined {
  for (const { message } of errorChain(error)) {
    const status = typeof message === 'string' ? TUNNEL_REFUSED.exec(message)?.[1] : undefined;
    if (status) return Number(status);
  }
  return undefined;
}
