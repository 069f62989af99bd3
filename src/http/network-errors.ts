/**
 * Which failures are the network's: a transport failure becomes a
 * NetworkError saying whether the request may have reached the server (so
 * whether even a POST may be sent again); anything else (schema errors,
 * file-system errors, bugs) is left alone, never mistaken for a flaky
 * network and retried.
 */
import { isCertificateFailure, isTlsFailure, NetworkError } from '../core/errors.js';
import { errorChain } from './error-chain.js';
import { displayUrl } from './redirect.js';

/** The methods the API client sends. */
export type Method = 'GET' | 'POST';

/** Where a request currently is (it moves with redirects); used to name failures. */
export interface Position {
  url: URL;
  method: Method;
  /**
   * An earlier hop was answered (with a redirect): the request itself reached
   * the server, so no later failure means it was not sent.
   */
  redirected?: boolean;
  /**
   * The 2xx status the request was answered with, once its body is being
   * read: a failure from then on lost only the answer (see
   * NetworkError.answeredStatus).
   */
  answeredStatus?: number;
}

/** Failures to connect: the request never left this machine, so even a POST may be retried. */
const CONNECT_FAILURE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** Socket-level codes that mean "network trouble" rather than a local bug or a file-system error. */
const SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPROTO']);

/** Undici codes for misuse (bad arguments, a closed client) rather than transport trouble. */
const UNDICI_USAGE_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_DESTROYED', // the client was closed while in use
  'UND_ERR_CLOSED',
]);

/**
 * Wraps a transport failure in NetworkError, or returns `undefined` for
 * anything else (schema errors, file-system errors, bugs), which must not be
 * mistaken for a flaky network and retried. Checks are structural, by code:
 * Node's socket errors may come from another realm (e.g. under jest's VM
 * modules), where `instanceof Error` is false.
 */
export function toNetworkError(error: unknown, at: Position): NetworkError | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  const fromUndici = code.startsWith('UND_ERR_') && !UNDICI_USAGE_CODES.has(code);
  // A rejected certificate ends the handshake before anything is sent; other TLS errors (ERR_SSL_…) may come mid-answer.
  // Node names the system call that failed: `connect` (an unreachable host or network, a connect that timed out) is
  // before any byte was sent, while the same codes on an open socket may come after the request went out.
  const duringConnect = [...errorChain(error)].some((e) => e.syscall === 'connect');
  const notSent = CONNECT_FAILURE_CODES.has(code) || isCertificateFailure(code) || duringConnect;
  const tls = isTlsFailure(code);
  if (!fromUndici && !notSent && !tls && !SOCKET_CODES.has(code)) return undefined;
  return new NetworkError(at.method, displayUrl(at.url), code, !notSent, { cause: error });
}

/**
 * A network failure as far as the request had got: on a hop after a redirect,
 * or while a 2xx answer's body was read, the request itself was answered, so
 * it counts as sent (a request that must not be repeated is not retried), and
 * in the second case the failure says which status was lost with the body.
 */
export function failureAt(error: unknown, at: Position): unknown {
  if (!(error instanceof NetworkError)) return error;
  const answered = at.answeredStatus !== undefined && error.answeredStatus === undefined;
  if (!answered && (error.maybeSent || !at.redirected)) return error;
  return new NetworkError(error.method, error.url, error.code, true, { cause: error.cause, answeredStatus: at.answeredStatus });
}

/** The low-level code of an error, looking into what it wraps. */
function errorCode(error: unknown): string | undefined {
  for (const { code } of errorChain(error)) if (typeof code === 'string') return code;
  return undefined;
}
