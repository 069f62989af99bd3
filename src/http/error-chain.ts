/** The fields of an error (or error-like object) that tell what went wrong. */
export interface ErrorLike {
  code?: unknown;
  message?: unknown;
  /** The system call that failed, on Node's system errors (`connect` while a socket is being opened). */
  syscall?: unknown;
}

/**
 * `error`, then what it wraps: its `cause`, or else the first of an
 * AggregateError's `errors` (happy-eyeballs connects), at most `depth`
 * levels down. Only objects are yielded. Structural, not `instanceof`: Node's
 * socket errors may come from another realm (e.g. under jest's VM modules).
 */
export function* errorChain(error: unknown, depth = 3): Generator<ErrorLike> {
  let current = error;
  for (let level = 0; level <= depth && typeof current === 'object' && current !== null; level++) {
    yield current as ErrorLike;
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    current = cause !== undefined ? cause : Array.isArray(errors) ? errors[0] : undefined;
  }
}
