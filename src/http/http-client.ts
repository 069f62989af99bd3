/**
 * The ApiClient over undici.request: retries with backoff and Retry-After
 * for idempotent calls only, never waits past the caller's deadline, bounds
 * every JSON attempt in time, sends the token to the API origin only (on
 * redirects too), undoes a Content-Encoding the server applied anyway, and
 * streams uploads and downloads (the latter size-capped) instead of
 * buffering them.
 */
import { createWriteStream, openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GC_NUDGE_EVERY_BYTES, gcNudge, withPeriodicGc } from '../streams/gc-nudge.js';
import { FormData, request, type buildConnector, type Dispatcher } from 'undici';
import type { ZodType } from 'zod';
import type { Clock } from '../core/clock.js';
import { HttpError, isTlsFailure, NetworkError, ResponseShapeError } from '../core/errors.js';
import { renameIntoPlace } from '../core/rename-into-place.js';
import type { CallContext } from '../core/provider.js';
import type { ApiClient, CallOptions } from './api-client.js';
import { ACCEPT_IDENTITY, decodeBody } from './content-encoding.js';
import { failureAt, toNetworkError, type Method, type Position } from './network-errors.js';
import { createProxyRouter, proxyRefusal, type ProxySettings } from './proxy.js';
import { MAX_REDIRECTS, REDIRECT_STATUSES, apiUrl, displayPath, displayUrl, isSameOrigin, redirectTarget } from './redirect.js';
import {
  MAX_ERROR_BODY_BYTES,
  describeIssues,
  discard,
  errorDetailFromBody,
  excerpt,
  firstHeader,
  readLimitedText,
  tryParseJson,
} from './response-detail.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** How to build an {@link ApiClient}. */
export interface ApiClientOptions {
  /** API root, e.g. `https://studio.example.com`; a path prefix (`/ts`) is kept. */
  baseUrl: URL;
  /** Sent as `Authorization: Bearer <token>`, to the base URL's origin only. */
  token: string;
  userAgent: string;
  /** All waiting (backoff) goes through `clock.sleep`. */
  clock: Clock;
  retry?: RetryPolicy;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
  /**
   * Per-attempt timeout, default 60 s: for response headers and for each gap
   * in a body, and for JSON calls also for the attempt as a whole.
   */
  requestTimeoutMs?: number;
  /** Receives debug lines such as `GET /api/runs/x → 503, retrying in 1.2s (attempt 2/6)`. */
  log?: (message: string) => void;
  /** Outbound proxies; none (every request direct) when omitted. The client never reads the environment itself. */
  proxy?: ProxySettings;
  /** Largest artifact `download` writes, counted in decoded bytes; default {@link DEFAULT_MAX_DOWNLOAD_BYTES}. */
  maxDownloadBytes?: number;
}

/**
 * Default cap on one download: 2 GiB. The artifact is a zip, and
 * safeExtract refuses one that expands to more than 1 GiB; a zip is never
 * much larger than what it expands to (deflate falls back to storing), so
 * anything near this cap could not be extracted anyway. Twice that leaves
 * room for zip overhead and for a zip that is kept and uploaded as a
 * workflow artifact even though it is not extracted, while download plus
 * extraction (at most 3 GiB) stays far below a hosted runner's free disk.
 * Without a cap a runaway server could fill the disk.
 */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 2 * 1024 ** 3;

/** An ApiClient that owns a connection pool, released by `close()`. */
export type ClosableApiClient = ApiClient & { close(): Promise<void> };

/** Largest JSON document we accept unless a call says otherwise; guards memory against a runaway server. */
export const MAX_JSON_BODY_BYTES = 32 * 1024 * 1024;
/** Longest wait for an error answer's explanation (its body), or the attempt's time limit if shorter. */
const MAX_ERROR_BODY_WAIT_MS = 10_000;

/** NetworkError code of a JSON call whose attempt took longer than the per-attempt timeout in all. */
const ATTEMPT_TIMEOUT = 'ATTEMPT_TIMEOUT';

/** Buffer size for artifact downloads: fewer, larger reads and writes than the 64 KiB default. */
const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;

/**
 * How much a connection's socket may buffer before Node stops reading it
 * (undici's default is 64 KiB, or 16 KiB for TLS). At 64 KiB a fast download
 * fills it with every read, so Node stops and restarts reading the socket
 * (two epoll_ctl calls and an extra event-loop turn per 64 KiB). Measured on
 * a 400 MB loopback download (medians of 21): ~2,800 epoll_ctl calls → 16; a
 * bare undici pipeline 0.73 s → 0.53 s (system CPU 0.51 s → 0.32 s), this
 * client 0.62 s → 0.59 s. Small answers never come near the limit, so it
 * costs nothing elsewhere.
 */
const SOCKET_BUFFER_BYTES = 1024 * 1024;

/** One logical call, possibly made several times. */
interface Exchange {
  method: Method;
  path: string;
  idempotent: boolean;
  accept: string;
  /** Response body buffer size (undici's default is 64 KiB). */
  highWaterMark?: number;
  /**
   * Whether the attempt as a whole must end within the per-attempt timeout.
   * Undici's own timeouts only bound the wait for headers and each gap in the
   * body, so a server trickling a byte now and then could hold a small JSON
   * call forever. Transfers of files (artifact download, suites upload) are
   * exempt: their length grows with the file, and a slow link is no fault.
   */
  wholeAttemptTimeout: boolean;
  /** Builds a fresh body for every send: streams and forms can be sent only once. */
  makeBody?: () => Promise<{ body: string | FormData; contentType?: string }>;
}

/** Reads a 2xx response into the call's result. */
type Consume<T> = (res: Dispatcher.ResponseData, url: URL) => Promise<T>;

type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: HttpError; retryAfterMs: number | undefined };

/** Creates an ApiClient with its own keep-alive connection pool. */
export function createApiClient(options: ApiClientOptions): ClosableApiClient {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const maxDownloadBytes = options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const { clock, token } = options;
  const log = options.log ?? ((): void => undefined);
  // net.Socket hands highWaterMark on to stream.Duplex (undici sets it the same way); undici's types just do not list it.
  const connect: buildConnector.BuildOptions & { highWaterMark: number } = { timeout: Math.min(timeoutMs, 30_000), highWaterMark: SOCKET_BUFFER_BYTES };
  const pools = createProxyRouter({ keepAliveTimeout: 30_000, connect }, options.proxy ?? {});

  /**
   * The token must never reach a message, even when a server echoes it back.
   * Applied to whole texts, before anything is cut to an excerpt.
   */
  const redact = (text: string): string => (token === '' ? text : text.split(token).join('***'));

  /**
   * A body cut off at the read limit may end in the first part of the token,
   * which `redact` cannot recognise: that part is masked too.
   */
  const maskCutToken = (text: string): string => {
    for (let length = Math.min(token.length - 1, text.length); length > 0; length--) {
      if (text.endsWith(token.slice(0, length))) return `${text.slice(0, -length)}***`;
    }
    return text;
  };

  async function send(ex: Exchange, at: Position, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    let withAuth = true;
    let withBody = true;
    for (let hop = 0; ; hop++) {
      // Checked on every hop, the first included, whatever built the URL: the token is for the API origin only.
      withAuth &&= isSameOrigin(at.url, options.baseUrl);
      const body = withBody && ex.makeBody ? await ex.makeBody() : undefined;
      const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ex.accept, 'accept-encoding': ACCEPT_IDENTITY };
      if (withAuth) headers.authorization = `Bearer ${token}`;
      if (body?.contentType) headers['content-type'] = body.contentType;
      const res = await request(at.url, {
        dispatcher: pools.dispatcherFor(at.url),
        method: at.method,
        headers,
        body: body?.body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(ex.highWaterMark ? { highWaterMark: ex.highWaterMark } : {}),
      });
      if (!REDIRECT_STATUSES.has(res.statusCode)) return res;
      const next = redirectTarget(at.url, at.method, res.statusCode, firstHeader(res.headers.location));
      // A 3xx without a usable Location is the final answer; the caller reports it.
      if (!next) return res;
      await discard(res.body);
      if (hop >= MAX_REDIRECTS) {
        throw new HttpError(at.method, displayUrl(at.url), res.statusCode, `more than ${MAX_REDIRECTS} redirects`);
      }
      // Once the chain has left the API origin, the token stays dropped even if it comes back.
      withAuth &&= next.sameOrigin;
      withBody &&= next.keepBody;
      at.url = next.url;
      at.method = next.method === 'GET' ? 'GET' : at.method;
      at.redirected = true;
    }
  }

  async function attemptOnce<T>(ex: Exchange, ctx: CallContext, consume: Consume<T>): Promise<AttemptResult<T>> {
    const at: Position = { url: apiUrl(options.baseUrl, ex.path), method: ex.method };
    // Aborting this after the attempt tears down any body nobody consumed (undici would leak the socket).
    const attemptDone = new AbortController();
    // A real timer, like undici's own timeouts: it bounds time on the wire, which an injected clock does not pass.
    const tooLong = new AbortController();
    const timer = ex.wholeAttemptTimeout ? setTimeout(() => tooLong.abort(), timeoutMs) : undefined;
    try {
      const res = await send(ex, at, AbortSignal.any([ctx.signal, attemptDone.signal, tooLong.signal]));
      if (res.statusCode >= 200 && res.statusCode < 300) {
        at.answeredStatus = res.statusCode;
        return { ok: true, value: await consume(res, at.url) };
      }
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], clock.now());
      const detail = await errorDetail(res);
      // A cancel or deadline that cut the explanation short is the caller's, not this answer's.
      if (ctx.signal.aborted) throw ctx.signal.reason;
      return { ok: false, error: new HttpError(at.method, displayUrl(at.url), res.statusCode, detail, retryAfterMs), retryAfterMs };
    } catch (error) {
      // Cancellation and deadline aborts surface as the caller's own reason, unwrapped.
      if (ctx.signal.aborted) throw ctx.signal.reason;
      // Like a socket timeout: the request may have been sent, so only an idempotent call is tried again.
      if (tooLong.signal.aborted) throw failureAt(new NetworkError(at.method, displayUrl(at.url), ATTEMPT_TIMEOUT, true, { cause: error }), at);
      throw failureAt(proxyRefusal(error, at.method, at.url) ?? toNetworkError(error, at) ?? error, at);
    } finally {
      clearTimeout(timer);
      attemptDone.abort();
    }
  }

  async function exchange<T>(ex: Exchange, ctx: CallContext, consume: Consume<T>): Promise<T> {
    const what = `${ex.method} ${displayPath(apiUrl(options.baseUrl, ex.path))}`;
    // Once the step is stopping, a request that could start something is not sent again (CallContext.stopping).
    const stopping = ex.idempotent ? undefined : ctx.stopping;
    let previous: HttpError | NetworkError | undefined;
    for (let attempt = 1; ; attempt++) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (stopping?.aborted) throw stopping.reason;
      // Retries are never scheduled past the deadline, but a real clock may oversleep a little.
      if (clock.now() > ctx.deadline) throw previous ?? deadlinePassed(what);
      let failure: HttpError | NetworkError;
      let retryAfterMs: number | undefined;
      let retryable: boolean;
      try {
        const result = await attemptOnce(ex, ctx, consume);
        if (result.ok) return result.value;
        ({ error: failure, retryAfterMs } = result);
        retryable = ex.idempotent && policy.retryStatuses.includes(failure.status);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        failure = error;
        retryable = !(error.code !== undefined && isTlsFailure(error.code)) && (ex.idempotent || !error.maybeSent);
      }
      const outcome = failure instanceof HttpError ? String(failure.status) : (failure.code ?? 'network error');
      if (!retryable) throw failure;
      if (attempt >= policy.maxAttempts) {
        log(`${what} → ${outcome}, giving up after ${attempt} attempts`);
        throw failure;
      }
      const delay = retryDelayMs(policy, attempt, random, retryAfterMs);
      if (clock.now() + delay > ctx.deadline) {
        log(`${what} → ${outcome}, not retrying: the next attempt would start after the deadline`);
        throw failure;
      }
      previous = failure;
      log(`${what} → ${outcome}, retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt + 1}/${policy.maxAttempts})`);
      await clock.sleep(delay, stopping ? AbortSignal.any([ctx.signal, stopping]) : ctx.signal);
    }
  }

  /** The server's explanation in an error answer, decoded, redacted and short. */
  async function errorDetail(res: Dispatcher.ResponseData): Promise<string | undefined> {
    const decoded = decodeBody(res.body, res.headers['content-encoding']);
    // The status says what happened; a body we cannot read only costs the explanation.
    if (!decoded.ok) return decoded.problem;
    // An explanation that trickles in is not waited on past an attempt's time: the upload and the download limit
    // only the gaps between chunks, which a byte every few seconds never runs out.
    const explainMs = Math.min(timeoutMs, MAX_ERROR_BODY_WAIT_MS);
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      decoded.body.destroy();
    }, explainMs);
    try {
      const { text, truncated } = await readLimitedText(decoded.body, MAX_ERROR_BODY_BYTES);
      return errorDetailFromBody(truncated ? maskCutToken(text) : text, redact);
    } catch (error) {
      if (late) return `the explanation in the answer did not arrive within ${explainMs / 1000} s`;
      // The status is known: a connection lost during the explanation costs the explanation, never the status
      // (a 401 must fail at once, not be retried as a network error).
      return decoded.decodeFailure(error) ?? 'the explanation in the answer could not be read';
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Reads a 2xx body with its Content-Encoding undone. A coding we cannot
   * undo, or bytes not valid in theirs, make a ResponseShapeError: never
   * retried, and for Create Run it means "answered, but unreadable".
   */
  async function readDecoded<T>(res: Dispatcher.ResponseData, url: URL, read: (body: Readable) => Promise<T>): Promise<T> {
    const decoded = decodeBody(res.body, res.headers['content-encoding']);
    if (!decoded.ok) throw new ResponseShapeError(displayUrl(url), decoded.problem);
    try {
      return await read(decoded.body);
    } catch (error) {
      const problem = decoded.decodeFailure(error);
      throw problem === undefined ? error : new ResponseShapeError(displayUrl(url), problem);
    }
  }

  async function readJson<T>(res: Dispatcher.ResponseData, url: URL, schema: ZodType<T>, maxBytes = MAX_JSON_BODY_BYTES): Promise<T> {
    // The cap counts decoded bytes: a small compressed body may expand enormously.
    const { text, truncated } = await readDecoded(res, url, (body) => readLimitedText(body, maxBytes));
    if (truncated) throw new ResponseShapeError(displayUrl(url), `body is larger than the limit of ${describeBytes(maxBytes)} for an API answer`);
    const json = tryParseJson(text);
    if (json === undefined) {
      const type = firstHeader(res.headers['content-type']) ?? 'no content type';
      // A body that starts like JSON is not quoted: it is the answer itself, cut short or with an odd value (a
      // Python NaN), and may hold a secret not known yet (Get Project's gitToken is learnt from the parsed answer).
      if (/^\s*[[{]/.test(text)) {
        throw new ResponseShapeError(displayUrl(url), `body is not valid JSON (${type}, ${describeBytes(Buffer.byteLength(text))}; not quoted, as it may hold secrets)`);
      }
      const start = excerpt(redact(text)) ?? 'empty body';
      const htmlPage = /html/i.test(type) || /^\s*<(!doctype html|html)/i.test(text);
      throw new ResponseShapeError(displayUrl(url), `body is not JSON (${type}): ${start}`, htmlPage);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ResponseShapeError(displayUrl(url), describeIssues(parsed.error.issues));
    return parsed.data;
  }

  const jsonBody = (body: unknown) => async () => ({ body: JSON.stringify(body), contentType: 'application/json' });

  return {
    getJson: (path, schema, ctx, getOptions) =>
      exchange(
        // An answer allowed past the usual limit (a run's test cases, a project's run listing) grows with the project,
        // so like a download it is limited by the gaps between its chunks, not in all: 75 MB of test cases over a
        // 10 Mbit/s link take a minute, and each attempt would run out the same way.
        { method: 'GET', path, idempotent: true, accept: 'application/json', wholeAttemptTimeout: (getOptions?.maxBytes ?? MAX_JSON_BODY_BYTES) <= MAX_JSON_BODY_BYTES },
        ctx,
        (res, url) => readJson(res, url, schema, getOptions?.maxBytes),
      ),

    postJson: (path, body, schema, ctx, callOptions: CallOptions) =>
      exchange(
        {
          method: 'POST',
          path,
          idempotent: callOptions.idempotent,
          accept: 'application/json',
          wholeAttemptTimeout: true,
          makeBody: jsonBody(body),
        },
        ctx,
        (res, url) => readJson(res, url, schema),
      ),

    postEmpty: (path, ctx, callOptions) =>
      exchange({ method: 'POST', path, idempotent: callOptions.idempotent, accept: 'application/json', wholeAttemptTimeout: true }, ctx, (res) =>
        discard(res.body),
      ),

    postFile: (path, field, filePath, ctx, callOptions) =>
      withPeriodicGc(() =>
        exchange(
          {
            method: 'POST',
            path,
            idempotent: callOptions.idempotent,
            accept: 'application/json',
            wholeAttemptTimeout: false,
            // A Blob backed by the file: undici streams it and knows its size, so
            // the multipart body gets a Content-Length without being buffered.
            makeBody: async () => {
              const form = new FormData();
              const type = filePath.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/octet-stream';
              form.append(field, await openAsBlob(filePath, { type }), basename(filePath));
              return { body: form };
            },
          },
          ctx,
          (res) => discard(res.body),
        ),
      ),

    download: (path, destFile, ctx) =>
      exchange({ method: 'GET', path, idempotent: true, accept: '*/*', highWaterMark: DOWNLOAD_CHUNK_BYTES, wholeAttemptTimeout: false }, ctx, (res, url) =>
        // What is written is the decoded body: the file, not how it travelled.
        readDecoded(res, url, async (body) => {
          // Write to a side file so a failed or retried download never leaves a truncated destFile.
          // Created afresh ('wx' after removing whatever is there): a symlink planted at that
          // path, say by a checked-out pull request, is replaced, never followed.
          const partFile = `${destFile}.part`;
          await rm(partFile, { force: true });
          // Not retried (a ResponseShapeError): the same artifact will be as large next time.
          const tooLarge = (size: string): ResponseShapeError =>
            new ResponseShapeError(displayUrl(url), `body is ${size} the download limit of ${describeBytes(maxDownloadBytes)}; it was not saved`);
          // Refused before a byte is written when the server says how large it is (the encoded size, if encoded).
          const declared = Number(firstHeader(res.headers['content-length']));
          if (Number.isSafeInteger(declared) && declared > maxDownloadBytes) throw tooLarge(`${declared} bytes (Content-Length), more than`);
          const out = createWriteStream(partFile, { flags: 'wx', highWaterMark: DOWNLOAD_CHUNK_BYTES });
          try {
            // One pass-through both nudges the GC and enforces the cap (see gcNudge on why not two).
            await pipeline(body, gcNudge(GC_NUDGE_EVERY_BYTES, DOWNLOAD_CHUNK_BYTES, { maxBytes: maxDownloadBytes, tooLarge: () => tooLarge('larger than') }), out);
            // Inside the try: a .part left behind (the rename refused, as Windows does while another process holds
            // the file) would be uploaded with results-path, its secrets never checked.
            await renameIntoPlace(partFile, destFile, { clock });
          } catch (error) {
            await rm(partFile, { force: true });
            throw error;
          }
          return { bytes: out.bytesWritten };
        }),
      ),

    close: () => pools.close(),
  };
}

/** The error for a call whose deadline passed before it could start. Abort-like, so `isAbortError` recognises it. */
function deadlinePassed(what: string): DOMException {
  return new DOMException(`The deadline passed before ${what} could be sent`, 'TimeoutError');
}

/** A byte count as people read a limit: `2 GiB`, `512 MiB`, or bytes when it is no whole number of either. */
function describeBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit} (${bytes} bytes)`;
  }
  return `${bytes} bytes`;
}
