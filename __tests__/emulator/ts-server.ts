/**
 * The HTTP plumbing shared by the Testing Studio emulator and the fake GitHub:
 * a node:http server on 127.0.0.1 that reads the body, logs the request,
 * applies queued faults around a route handler and sends its result. Handlers
 * return a value instead of writing to the socket, so a fault can run the
 * handler's side effects and still throw its answer away.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Transform, pipeline, type Readable } from 'node:stream';
import type { Fault, FaultInjector } from './ts-faults.js';

/** A fully read request as handlers see it. */
export interface HarnessRequest {
  method: string;
  /** Path without the query string, e.g. `/api/runs/<id>/`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What a handler answers. Exactly one of json / text / buffer / stream, or none. */
export interface RouteResult {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Sent as text/html unless headers say otherwise (e.g. a proxy's error page). */
  text?: string;
  buffer?: Buffer;
  stream?: Readable;
  /** Content-Length for `stream`, when known. */
  streamLength?: number;
}

/**
 * A request the API's validation refuses, answered as the reference shows
 * it (Projects › Create Project, "Response (Error)"): 400 with one string
 * `detail` naming the field, not FastAPI's own 422 list.
 */
export function invalidRequest(field: string, error: string): RouteResult {
  return { status: 400, json: { detail: `Request contains an error. Field: ${field}, Error: ${error}` } };
}

/** A handler; thrown errors become 500. */
export type RouteHandler = (req: HarnessRequest) => Promise<RouteResult>;

/** One logged request. */
export interface RequestRecord {
  method: string;
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  /** When it arrived, on the server's clock (epoch ms). */
  at: number;
  headers: IncomingHttpHeaders;
  /** The status answered, or 'reset' when the socket was destroyed instead. */
  outcome?: number | 'reset';
}

/** Construction options for a harness. */
export interface HarnessOptions {
  port?: number;
  /** Serve https with this key and certificate instead of plain http. */
  tls?: { key: string; cert: string };
  handler: RouteHandler;
  faults: FaultInjector;
  now: () => number;
  /** Bodies above this are refused with 413 (default 512 MiB). */
  maxBodyBytes?: number;
  /** How many request records to keep (default 10 000). */
  maxRecords?: number;
}

/** A running harness. */
export interface Harness {
  url: string;
  requests: RequestRecord[];
  /** Errors thrown by handlers (answered 500); tests can assert it stays empty. */
  handlerErrors: Error[];
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 512 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function prepare(result: RouteResult): { headers: Record<string, string>; payload?: Buffer; stream?: Readable } {
  const headers: Record<string, string> = {};
  let payload: Buffer | undefined;
  if (result.json !== undefined) {
    payload = Buffer.from(JSON.stringify(result.json));
    headers['content-type'] = 'application/json';
  } else if (result.text !== undefined) {
    payload = Buffer.from(result.text);
    headers['content-type'] = 'text/html; charset=utf-8';
  } else if (result.buffer) payload = result.buffer;
  Object.assign(headers, result.headers ?? {});
  if (payload) headers['content-length'] = String(payload.length);
  else if (result.stream && result.streamLength !== undefined) headers['content-length'] = String(result.streamLength);
  else if (!result.stream) headers['content-length'] = '0';
  return { headers, payload, stream: result.stream };
}

/** Cuts the connection after `limit` body bytes have been written. */
function cutAfter(limit: number, res: ServerResponse): Transform {
  // captured now: once a response finishes, `res.socket` is detached
  const socket = res.socket;
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const part = chunk.subarray(0, limit - sent);
      sent += part.length;
      if (part.length > 0) this.push(part);
      if (sent < limit) {
        done();
        return;
      }
      // never call done(): the response must not complete; let the bytes reach the wire, then cut
      setImmediate(() => socket?.destroy());
    },
  });
}

function send(res: ServerResponse, result: RouteResult, record: RequestRecord, cutAtBytes?: number): void {
  const { headers, payload, stream } = prepare(result);
  record.outcome = result.status;
  res.writeHead(result.status, headers);
  const body: Readable | undefined = stream;
  if (cutAtBytes !== undefined) {
    const cutter = cutAfter(cutAtBytes, res);
    pipeline(cutter, res, () => undefined);
    if (body) pipeline(body, cutter, () => undefined);
    else cutter.end(payload ?? Buffer.alloc(0));
    return;
  }
  if (body) pipeline(body, res, () => undefined);
  else res.end(payload);
}

function faultAnswer(fault: Extract<Fault, { status: number }>): RouteResult {
  const headers: Record<string, string> = { ...(fault.headers ?? {}) };
  if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
  if (typeof fault.body === 'string') return { status: fault.status, headers, text: fault.body };
  return { status: fault.status, headers, json: fault.body ?? { detail: `Injected fault (HTTP ${fault.status})` } };
}

/** Starts a harness on 127.0.0.1. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const requests: RequestRecord[] = [];
  const handlerErrors: Error[] = [];
  const maxRecords = options.maxRecords ?? 10_000;
  // pending delays, resolved early on close so no handler is left hanging
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  const runHandler = async (req: HarnessRequest): Promise<RouteResult> => {
    try {
      return await options.handler(req);
    } catch (err) {
      handlerErrors.push(err instanceof Error ? err : new Error(String(err)));
      return { status: 500, json: { detail: 'Internal Server Error' } };
    }
  };

  // requests answered by a `statusBeforeHandling` fault, handled once their time has come
  const deferred: { dueAt: number; request: HarnessRequest }[] = [];
  const handleDue = async (): Promise<void> => {
    const now = options.now();
    const due = deferred.filter((entry) => entry.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    // taken out before any await, so a concurrent request cannot handle them twice
    for (const entry of due) deferred.splice(deferred.indexOf(entry), 1);
    for (const entry of due) (await runHandler(entry.request)).stream?.destroy();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RequestRecord = { method, path: url.pathname, query: url.search.slice(1), at: options.now(), headers: { ...req.headers } };
    requests.push(record);
    if (requests.length > maxRecords) requests.splice(0, requests.length - maxRecords);
    await handleDue();

    const fault = options.faults.take(method, url.pathname);
    if (fault && 'reset' in fault) {
      record.outcome = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault && 'delayMs' in fault) {
      await delay(fault.delayMs ?? 0);
      if (closing) return;
    }
    const body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    if (body === 'too-large') {
      send(res, { status: 413, json: { detail: 'Request entity too large' } }, record);
      return;
    }
    if (fault && 'status' in fault) {
      send(res, faultAnswer(fault), record);
      return;
    }
    const request: HarnessRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body };
    if (fault && 'statusBeforeHandling' in fault) {
      deferred.push({ dueAt: options.now() + fault.handleAfterMs, request });
      send(res, faultAnswer({ status: fault.statusBeforeHandling, body: fault.body }), record);
      return;
    }
    const result = await runHandler(request);
    if (fault && 'delayAfterHandlingMs' in fault) {
      await delay(fault.delayAfterHandlingMs ?? 0);
      if (closing || res.destroyed) {
        result.stream?.destroy();
        return;
      }
    }
    if (fault && 'resetAfterHandling' in fault) {
      result.stream?.destroy();
      record.outcome = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault && 'statusAfterHandling' in fault) {
      result.stream?.destroy();
      const json = fault.body ?? { detail: `Injected fault after handling (HTTP ${fault.statusAfterHandling})` };
      send(res, { status: fault.statusAfterHandling, json }, record);
      return;
    }
    send(res, result, record, fault && 'resetAfterBytes' in fault ? fault.resetAfterBytes : undefined);
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      handlerErrors.push(err instanceof Error ? err : new Error(String(err)));
      res.destroy();
    });
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    handlerErrors,
    close: async () => {
      closing = true;
      deferred.length = 0;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
