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
  ) {
    super(`${method} ${url} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`);
  }
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
    options?: { cause?: unknown },
  ) {
    super(`${method} ${url} failed: ${code ?? 'network error'}`, options);
  }
}

/** A response body did not have the documented shape. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
  constructor(
    readonly url: string,
    /** Human-readable list of what did not match. */
    readonly problems: string,
  ) {
    super(`Unexpected response from ${url}: ${problems}`);
  }
}

/** The configured `timeout` passed before the run reached a terminal status. */
export class RunTimeoutError extends Error {
  override readonly name = 'RunTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly runId: string | undefined,
    readonly revoked: boolean,
  ) {
    const what = runId ? `run ${runId}` : 'the run';
    super(
      `Timed out after ${formatTimeout(timeoutMs)} waiting for ${what} to finish` +
        (runId ? (revoked ? '; the run was revoked.' : '; the run was left running.') : '.'),
    );
  }
}

/** The job was cancelled (SIGINT/SIGTERM) while the run was in progress. */
export class RunCancelledError extends Error {
  override readonly name = 'RunCancelledError';
  constructor(
    readonly runId: string | undefined,
    readonly revoked: boolean,
  ) {
    super(
      `Cancelled${runId ? ` while run ${runId} was in progress` : ''}` +
        (runId ? (revoked ? '; the run was revoked.' : '; the run could not be revoked.') : '.'),
    );
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

/** True for errors caused by an AbortSignal (deadline or cancellation). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
