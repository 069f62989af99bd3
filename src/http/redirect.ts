/**
 * URL handling for the API client: building request URLs under the base
 * URL, following redirects the way browsers do (undici.request does not),
 * and rendering URLs safely for error messages and logs.
 */

/** Statuses that carry a Location to follow. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Most redirects followed for one request before giving up. */
export const MAX_REDIRECTS = 5;

/** The request to make after a redirect. */
export interface RedirectStep {
  url: URL;
  method: string;
  /** False when the redirect turns the request into a body-less GET. */
  keepBody: boolean;
  /**
   * False when the target is another origin: the bearer token was issued for
   * the API host and must not leak to e.g. a storage bucket or a hostile host.
   */
  sameOrigin: boolean;
}

/**
 * Where a redirect leads. 303 ("see other": the request was handled, its
 * answer is elsewhere) becomes a GET without a body; every other redirect
 * repeats the request unchanged, a POST on 301/302 too, as RFC 9110 allows
 * and `curl --post301 --post302` does. Browsers turn that POST into a GET,
 * but for an API client a 301/302 means the POST was not handled at that
 * address: a GET of the new one would be answered by whatever is there (a
 * web app's page), and a suites upload or a revoke taken for done although
 * the server never received it. Returns `undefined` for a missing,
 * unparseable or non-HTTP(S) Location.
 */
export function redirectTarget(
  current: URL,
  method: string,
  status: number,
  location: string | undefined,
): RedirectStep | undefined {
  if (location === undefined || location.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(location, current);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const becomesGet = status === 303 && method !== 'HEAD';
  return {
    url,
    method: becomesGet ? 'GET' : method,
    keepBody: !becomesGet,
    sameOrigin: isSameOrigin(current, url),
  };
}

/** Same scheme, host and port (the URL's origin). */
export function isSameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}

/**
 * The absolute URL for an API path, always on the base URL's origin. A path
 * prefix on the base URL (e.g. a reverse proxy mounting the API under `/ts`)
 * is kept; `path` may carry a query string.
 */
export function apiUrl(base: URL, path: string): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  const rest = path.startsWith('/') ? path : `/${path}`;
  const queryAt = rest.indexOf('?');
  // Set as parts of a URL that already has the origin, never parsed as a reference against it: a
  // path starting with `//` (a base like `https://host//evil.example/`) would otherwise be read as
  // protocol-relative and send the request, token and all, to another host.
  const url = new URL(base.origin);
  url.pathname = `${prefix}${queryAt === -1 ? rest : rest.slice(0, queryAt)}`;
  url.search = queryAt === -1 ? '' : rest.slice(queryAt);
  return url;
}

/** Query parameter names whose values are secrets (presigned S3/GCS/Azure URLs, API keys). */
const SECRET_PARAM = /token|key|sig|secret|password|credential|auth|session/i;

/**
 * A URL as it may appear in errors and logs: no user-info, and the values of
 * credential-like query parameters (e.g. `X-Amz-Signature` of a presigned
 * download URL we were redirected to) replaced by `REDACTED`.
 */
export function displayUrl(url: URL): string {
  const safe = new URL(url.href);
  safe.username = '';
  safe.password = '';
  safe.hash = '';
  for (const name of [...new Set(safe.searchParams.keys())]) {
    if (SECRET_PARAM.test(name)) safe.searchParams.set(name, 'REDACTED');
  }
  return safe.href;
}

/** Path and (redacted) query only, for compact log lines. */
export function displayPath(url: URL): string {
  const safe = new URL(displayUrl(url));
  return `${safe.pathname}${safe.search}`;
}
