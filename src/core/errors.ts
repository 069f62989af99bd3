/**
 * Named errors. Every failure the action reports is one of these, so the
 * entrypoint can turn exactly one error into exactly one failure message and
 * nothing ever throws a raw string or a response body.
 */

/** A user-supplied input is missing or malformed. Always names the input. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** The input's name as the user writes it, e.g. `project-id`. */
    readonly input: string,
    /** What was expected, e.g. "a UUID". */
    readonly expected: string,
  ) {
    super(`Input '${input}' is invalid: expected ${expected}.`);
  }
}

/** The project or platform is in a state that makes the requested run impossible. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The server answered with a non-success HTTP status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    /** HTTP method of the failed request. */
    readonly method: string,
    /** URL of the failed request (never contains credentials). */
    readonly url: string,
    /** HTTP status code. */
    readonly status: number,
    /** The server's `detail` field (or a short text excerpt), if any. */
    readonly detail: string | undefined,
    /**
     * The answer's Retry-After in milliseconds from when it arrived, if it
     * sent a valid one. Kept on the error so callers that retry on their own
     * (Create Run after a 429) can honour it like the client does.
     */
    readonly retryAfterMs?: number,
  ) {
    super(`${method} ${url} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * 5xx answers that are permanent by definition: the server does not
 * implement the method (501 Not Implemented) or the HTTP version (505 HTTP
 * Version Not Supported). Asking again cannot change them.
 */
const PERMANENT_SERVER_ERRORS: ReadonlySet<number> = new Set([501, 505]);

/**
 * HTTP statuses that say "try again later": 408 Request Timeout, 429 Too
 * Many Requests and every 5xx but the permanent ones. The one list behind
 * the client's retries and the status polling's tolerance, so the two agree.
 */
export const TRANSIENT_HTTP_STATUSES: readonly number[] = [
  408,
  429,
  ...Array.from({ length: 100 }, (_, i) => 500 + i).filter((status) => !PERMANENT_SERVER_ERRORS.has(status)),
];

/** Whether an HTTP status is one of {@link TRANSIENT_HTTP_STATUSES}. */
export function isTransientHttpStatus(status: number): boolean {
  return TRANSIENT_HTTP_STATUSES.includes(status);
}

/** The request never produced a response (DNS, refused, reset, TLS, aborted by the server). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly method: string,
    readonly url: string,
    /** Low-level code such as ECONNRESET or UND_ERR_SOCKET. */
    readonly code: string | undefined,
    /**
     * True when the request may have reached the server before the failure
     * (anything but a failure to connect). Non-idempotent calls must not be
     * blindly retried in that case.
     */
    readonly maybeSent: boolean,
    options?: { cause?: unknown; answeredStatus?: number },
  ) {
    const reading = options?.answeredStatus === undefined ? '' : ` while reading its HTTP ${options.answeredStatus} answer`;
    super(`${method} ${url} failed${reading}: ${code ?? 'network error'}`, options);
    this.answeredStatus = options?.answeredStatus;
  }

  /**
   * The 2xx status the server had answered with when the failure came
   * during the answer's body: the request was processed (for Create Run, a
   * run exists), only its answer was lost.
   */
  readonly answeredStatus: number | undefined;
}

/**
 * A server certificate the runner does not accept, by code: OpenSSL's
 * verification results, such as `CERT_HAS_EXPIRED`,
 * `UNABLE_TO_VERIFY_LEAF_SIGNATURE` (a private CA, or a chain sent without
 * its intermediate), `SELF_SIGNED_CERT_IN_CHAIN`, `INVALID_CA` or
 * `HOSTNAME_MISMATCH`, and Node's `ERR_TLS_CERT_ALTNAME_INVALID`. The same
 * answer every time, until someone changes the certificate or the runner.
 */
const CERTIFICATE_FAILURE = /CERT|CRL|^UNABLE_TO_|^INVALID_CA$|^INVALID_PURPOSE$|^PATH_LENGTH_EXCEEDED$|^HOSTNAME_MISMATCH$/;

/** Whether `code` names a certificate the runner does not accept (see CERTIFICATE_FAILURE). */
export function isCertificateFailure(code: string): boolean {
  return CERTIFICATE_FAILURE.test(code);
}

/** Whether `code` names a TLS certificate or handshake problem (`ERR_TLS_…`, `ERR_SSL_…`): the client does not retry it. */
export function isTlsFailure(code: string): boolean {
  return isCertificateFailure(code) || /^ERR_TLS_|^ERR_SSL_/.test(code);
}

/**
 * Whether a failed call (after the client's own retries) may succeed if made
 * again later: a network error, or a status the client retries. A 501 or 505,
 * a 401, a certificate the runner does not trust, or an answer of the wrong
 * shape will not go away by asking again.
 */
export function isTransientError(error: unknown): boolean {
  // A rejected certificate stays rejected; other TLS errors (a record garbled by a middlebox) may pass.
  if (error instanceof NetworkError) return error.code === undefined || !isCertificateFailure(error.code);
  return error instanceof HttpError && isTransientHttpStatus(error.status);
}

/** A response body did not have the documented shape. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
  constructor(
    readonly url: string,
    /** Human-readable list of what did not match. */
    readonly problems: string,
    /** The body was a web page: the URL most likely leads to a web app or a login page, not to the API. */
    readonly htmlPage = false,
  ) {
    super(`Unexpected response from ${url}: ${problems}`);
  }
}

/**
 * What became of the remote run when the step stopped early (timeout or
 * cancellation). Every stop message says it, because it decides whether the
 * user has a run to clean up by hand.
 */
export type RunFate =
  /** Stopped before Create Run was sent: there is no run. */
  | { kind: 'not-started' }
  /**
   * Create Run was sent and its outcome is not known: a run may exist, and
   * its id is unknown. `later` says what the job's clean-up step does about
   * it; `detail` is the platform's account, when it had more to say than
   * "no answer in time".
   */
  | { kind: 'unknown'; later: UnknownRunFollowUp; detail?: string }
  | { kind: 'revoked'; runId: string }
  /** `revoke-on-cancel` is false. */
  | { kind: 'left-running'; runId: string }
  | { kind: 'revoke-failed'; runId: string }
  /** The revoke was refused, and the run turned out to have ended just before it: there was nothing to revoke. */
  | { kind: 'ended-meanwhile'; runId: string; status: string }
  /** The revoke and the status check both answered 404: the run no longer exists (deleted on the server), so nothing is left running. */
  | { kind: 'gone'; runId: string }
  /** The run had already ended; the step stopped while collecting its results. */
  | { kind: 'ended'; runId: string; status: string }
  /** The run had ended and its results were read; the step stopped while fetching its artifact. `verdict` is their verdict's reason. */
  | { kind: 'artifact'; runId: string; status: string; verdict: string }
  /** The run had ended and its results were read; the step stopped while publishing them. `verdict` is their verdict's reason. */
  | { kind: 'reporting'; runId: string; status: string; verdict: string };

/** Whether `error` is the API answering 404 Not Found. */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpError && error.status === 404;
}

/** The run's id, when the fate names one. */
function fateRunId(fate: RunFate): string | undefined {
  return 'runId' in fate ? fate.runId : undefined;
}

/** What a stop did to a run that was in progress. */
function inProgressOutcome(fate: InProgressFate): string {
  switch (fate.kind) {
    case 'revoked':
      return 'the run was revoked.';
    case 'left-running':
      return 'the run was left running (revoke-on-cancel is false).';
    case 'revoke-failed':
      return 'the run could not be revoked and may still be running.';
    case 'ended-meanwhile':
      return `the run had ended ${fate.status} just before, so there was nothing to revoke.`;
    case 'gone':
      return 'the run no longer exists on the server (its revoke and its status both answered 404), so there was nothing to revoke.';
  }
}

/**
 * What the job's clean-up step does about a run an unanswered Create Run may
 * have started: look for it and revoke it; nothing, because revoke-on-cancel
 * is false; or nothing, because the note it would need could not be saved.
 */
export type UnknownRunFollowUp = 'revoke' | 'left-running' | 'not-noted';

const FOLLOW_UP: Record<UnknownRunFollowUp, string> = {
  revoke: 'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
  'left-running': 'If it exists, it is left running (revoke-on-cancel is false).',
  'not-noted': 'It cannot be looked for later (the note for the clean-up step could not be saved), so if it exists it is left running.',
};

/** What a stop during an unanswered Create Run means for the run it may have started. */
function unansweredCreate(fate: { later: UnknownRunFollowUp; detail?: string }): string {
  const what = fate.detail ?? "Create Run's outcome could not be learned in time, so a run may have been started.";
  return `${what} ${FOLLOW_UP[fate.later]}`;
}

/** The configured `timeout` (or the results-collection budget) passed before the step was done. */
export class RunTimeoutError extends Error {
  override readonly name = 'RunTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly fate: RunFate,
  ) {
    super(timeoutMessage(`Timed out after ${formatTimeout(timeoutMs)}`, fate));
  }

  get runId(): string | undefined {
    return fateRunId(this.fate);
  }
}

/** The job was cancelled (SIGINT/SIGTERM) before the step was done. */
export class RunCancelledError extends Error {
  override readonly name = 'RunCancelledError';
  constructor(readonly fate: RunFate) {
    super(cancelMessage(fate));
  }

  get runId(): string | undefined {
    return fateRunId(this.fate);
  }
}

function timeoutMessage(prefix: string, fate: RunFate): string {
  switch (fate.kind) {
    case 'not-started':
      return `${prefix} before a run was started.`;
    case 'unknown':
      return `${prefix} while starting the run: ${unansweredCreate(fate)}`;
    case 'ended':
      return `${prefix} collecting the results of run ${fate.runId}, which ended ${fate.status}.`;
    case 'artifact':
      return `${prefix} fetching the artifact of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
    case 'reporting':
      return `${prefix} publishing the reports of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
    default:
      return `${prefix} waiting for run ${fate.runId} to finish; ${inProgressOutcome(fate)}${RAISE_TIMEOUT}`;
  }
}

/** What to do about a run that outlasted `timeout` (its job's `timeout-minutes` must then allow for it too). */
const RAISE_TIMEOUT = " If runs like it take longer, raise the step's 'timeout' input.";

function cancelMessage(fate: RunFate): string {
  switch (fate.kind) {
    case 'not-started':
      return 'Cancelled before a run was started.';
    case 'unknown':
      return `Cancelled while starting the run: ${unansweredCreate(fate)}`;
    case 'ended':
      return `Cancelled after run ${fate.runId} ended ${fate.status}, before its results were collected.`;
    case 'artifact':
      return `Cancelled while fetching the artifact of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
    case 'reporting':
      return `Cancelled while publishing the reports of run ${fate.runId}, which ended ${fate.status}: ${fate.verdict}`;
    case 'ended-meanwhile':
      return `Cancelled as run ${fate.runId} ended ${fate.status}: there was nothing to revoke, and its results were not collected.`;
    default:
      return `Cancelled while run ${fate.runId} was in progress; ${inProgressOutcome(fate)}`;
  }
}

/** The run ended, but its results (stats, cases, suites) could not be read. */
export class ResultsUnavailableError extends Error {
  override readonly name = 'ResultsUnavailableError';
  constructor(
    readonly runId: string,
    readonly status: string,
    cause: unknown,
  ) {
    super(`Run ${runId} ended ${status}, but its results could not be collected: ${errorMessage(cause)}`, { cause });
  }
}

/** What the step did to a run still in progress when it stopped following it. */
export type InProgressFate = Extract<RunFate, { kind: 'revoked' | 'left-running' | 'revoke-failed' | 'ended-meanwhile' | 'gone' }>;

/**
 * The run's status could no longer be read while it was in progress (an
 * answer that fails at once, such as 401, 404 or one of an unexpected shape,
 * or several transient failures in a row), so the step stopped following it.
 * Says what became of the run, like a timeout does.
 */
export class RunLostError extends Error {
  override readonly name = 'RunLostError';
  constructor(
    readonly fate: InProgressFate,
    cause: unknown,
  ) {
    super(`Stopped following run ${fate.runId}: its status could not be read (${errorMessage(cause)}); ${inProgressOutcome(fate)}`, { cause });
  }

  get runId(): string {
    return this.fate.runId;
  }
}

/** Create Run failed ambiguously and we could not tell whether a run was started. */
export class AmbiguousRunError extends Error {
  override readonly name = 'AmbiguousRunError';
}

/** An archive was unsafe or too large to extract. */
export class UnsafeArchiveError extends Error {
  override readonly name = 'UnsafeArchiveError';
}

/** Formats a configured timeout (milliseconds) the way users write it: `90s`, `30m`, `1h 5m`. */
export function formatTimeout(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 120) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return totalSeconds % 60 === 0 ? `${minutes}m` : `${minutes}m ${totalSeconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
}

/** The message of anything thrown: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why a call bounded by a time budget failed, for a warning: its budget running out aborts it with the bare "The
 * operation was aborted due to timeout", which is said as what it means; any other error as `describe` puts it.
 */
export function budgetedFailure(error: unknown, budgetMs: number, describe: (error: unknown) => string = errorMessage): string {
  return isAbortError(error) ? `no answer within ${budgetMs / 1000} s` : describe(error);
}

/** True for errors caused by an AbortSignal (deadline or cancellation). */
export function isAbortError(error: unknown): boolean {
  // By name, not `instanceof Error`: a DOMException is not an Error in every realm (jest's VM modules).
  const name: unknown = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  return name === 'AbortError' || name === 'TimeoutError';
}
