import {
  AmbiguousRunError,
  ConfigurationError,
  HttpError,
  InputError,
  NetworkError,
  ResponseShapeError,
  ResultsUnavailableError,
  RunCancelledError,
  RunLostError,
  RunTimeoutError,
  UnsafeArchiveError,
  errorMessage,
} from '../core/errors.js';

const KNOWN = [
  InputError,
  ConfigurationError,
  HttpError,
  NetworkError,
  ResponseShapeError,
  RunTimeoutError,
  RunCancelledError,
  RunLostError,
  ResultsUnavailableError,
  AmbiguousRunError,
  UnsafeArchiveError,
];

/** Hints for HTTP statuses a user can fix. */
const HTTP_HINTS: Record<number, string> = {
  401: 'check api-token',
  403: 'the token may not access this project',
  404: 'check api-url and project-id',
};

/**
 * The hint for an HTTP failure. The paths are `/api/…` under api-url, so an
 * api-url copied with its `/api` (the reference's paths start there) gives
 * `/api/api/…` and a 404: say exactly that rather than "check api-url".
 */
function httpHint(error: HttpError, apiUrl: URL | undefined): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(error.url);
  } catch {
    // Not a URL: no path or origin to look at.
  }
  if (error.status === 404 && url?.pathname.includes('/api/api/')) {
    return "api-url seems to end in /api: give the server's base URL, such as https://studio.example.com; the action adds /api/… itself";
  }
  // The token is never sent past a redirect to another origin (an http:// api-url the server sends to https://, say),
  // so the refusal says nothing about the token: "check api-token" would send the user after the wrong input.
  if ((error.status === 401 || error.status === 403) && url && apiUrl && url.origin !== apiUrl.origin) {
    return `api-url ${apiUrl.origin} redirected to ${url.origin}, and the token is only sent to api-url's origin: if the API is at ${url.origin}, set api-url to it`;
  }
  return HTTP_HINTS[error.status];
}

/** Hints for TLS certificate failures, by Node's error code; a private CA is the usual cause on self-hosted runners. */
const CERTIFICATE_HINTS: readonly [RegExp, string][] = [
  [
    /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY/,
    "the server's certificate is not from a CA this runner trusts; for a private CA, set NODE_EXTRA_CA_CERTS to its PEM file in the step's env",
  ],
  [/CERT_HAS_EXPIRED/, "the server's certificate has expired"],
  [/ALTNAME/, 'the certificate does not name this host; check api-url'],
];

/** What is known of the step's settings when it fails; nothing when they were not read yet. */
export interface ErrorContext {
  /** The validated api-url, whose origin alone the token is sent to. */
  apiUrl?: URL;
}

/** The one failure message for an error that ended the step. */
export function describeError(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof HttpError && HTTP_HINTS[error.status]) return `${error.message} (${httpHint(error, context.apiUrl)})`;
  if (error instanceof NetworkError) {
    const hint = CERTIFICATE_HINTS.find(([code]) => code.test(error.code ?? ''))?.[1];
    if (hint) return `${error.message} (${hint})`;
  }
  // A web app (or a sign-in page in front of the API) answers every path with a page: the usual first-day mistake is
  // giving the address people open in a browser.
  if (error instanceof ResponseShapeError && error.htmlPage) {
    return `${error.message} (an HTML page, not the API's JSON: check that api-url is the API's base URL, not the web app's)`;
  }
  if (KNOWN.some((kind) => error instanceof kind)) return (error as Error).message;
  return `Unexpected error: ${errorMessage(error)}`;
}
