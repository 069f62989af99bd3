import {
  AmbiguousRunError,
  ConfigurationError,
  HttpError,
  InputError,
  NetworkError,
  ResponseShapeError,
  RunCancelledError,
  RunTimeoutError,
  UnsafeArchiveError,
} from '../core/errors.js';

const KNOWN = [
  InputError,
  ConfigurationError,
  HttpError,
  NetworkError,
  ResponseShapeError,
  RunTimeoutError,
  RunCancelledError,
  AmbiguousRunError,
  UnsafeArchiveError,
];

/** Hints for HTTP statuses a user can fix. */
const HTTP_HINTS: Record<number, string> = {
  401: 'check api-token',
  403: 'the token may not access this project',
  404: 'check api-url and project-id',
};

/** The one failure message for an error that ended the step. */
export function describeError(error: unknown): string {
  if (error instanceof HttpError && HTTP_HINTS[error.status]) return `${error.message} (${HTTP_HINTS[error.status]})`;
  if (KNOWN.some((kind) => error instanceof kind)) return (error as Error).message;
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
