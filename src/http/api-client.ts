import type { ZodType } from 'zod';
import type { CallContext } from '../core/provider.js';

/** Options for one JSON call. */
export interface CallOptions {
  /**
   * Whether the request may be retried after a 408/429/5xx or a network
   * error. GET and revoke are idempotent; Create Run is not.
   */
  idempotent: boolean;
}

/** Options for one GET of a JSON document. */
export interface GetOptions {
  /**
   * Largest answer accepted, in decoded bytes (default: the client's own
   * limit). For lists whose size grows with the project, such as a run's test cases.
   */
  maxBytes?: number;
}

/**
 * A small API client bound to one base URL and bearer token. Implemented over
 * undici with retry, Retry-After, deadline and same-origin redirect handling.
 * Paths are relative to the base URL (e.g. `/api/runs/<id>`).
 */
export interface ApiClient {
  /** GET a JSON document and validate it with `schema`. */
  getJson<T>(path: string, schema: ZodType<T>, ctx: CallContext, options?: GetOptions): Promise<T>;
  /** POST a JSON body and validate the JSON answer with `schema`. */
  postJson<T>(path: string, body: unknown, schema: ZodType<T>, ctx: CallContext, options: CallOptions): Promise<T>;
  /** POST with no body; any 2xx (e.g. 204) succeeds. */
  postEmpty(path: string, ctx: CallContext, options: CallOptions): Promise<void>;
  /** POST a file as multipart/form-data field `field`, with a known Content-Length. */
  postFile(path: string, field: string, filePath: string, ctx: CallContext, options: CallOptions): Promise<void>;
  /**
   * Stream a GET response body, decoded, to `destFile`. Returns the byte
   * count. A body over the client's download limit is refused and nothing is
   * left on disk.
   */
  download(path: string, destFile: string, ctx: CallContext): Promise<{ bytes: number }>;
}
