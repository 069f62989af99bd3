/**
 * Turning response bodies into short, safe, human-readable text: the
 * server's explanation of an error, and what did not match a schema. Error
 * messages end up in CI logs, so everything here is bounded in size.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

/** Most of an error body we ever read; the rest is discarded unread. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Longest text excerpt quoted from a non-JSON (or detail-less) error body. */
const MAX_EXCERPT_CHARS = 200;

/** How many schema problems are listed before "… and N more". */
const MAX_LISTED_ISSUES = 5;

/** A body read with a size limit. */
export interface LimitedText {
  text: string;
  /** True when the body was longer than the limit (and was cut off). */
  truncated: boolean;
}

/**
 * Reads at most `limitBytes` of a response body as UTF-8, then destroys the
 * stream so undici frees the socket instead of draining a huge body.
 */
export async function readLimitedText(body: Readable, limitBytes: number): Promise<LimitedText> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const room = limitBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    // Breaking out of for-await already destroys the stream; this covers a throw too.
    if (!body.destroyed) body.destroy();
  }
  // Decoding a cut-off body may split a UTF-8 sequence; the decoder replaces it.
  return { text: new TextDecoder().decode(Buffer.concat(chunks, size)), truncated };
}

/**
 * The server's explanation of an error, from an error body:
 * - JSON `{"detail": "…"}` → the string;
 * - FastAPI validation errors `{"detail": [{"loc": […], "msg": "…"}]}` → each msg after the field its
 *   `loc` names (`body.projectId: field required`), joined;
 * - any other `detail` (object, array) → a short JSON rendering;
 * - JSON `{"message": "…"}` or `{"error": "…"}` (gateways, proxies) → the string;
 * - otherwise the first ~200 characters of the body with whitespace collapsed.
 * Returns `undefined` for an empty body.
 *
 * `redact` is applied to the whole text before it is cut to an excerpt: a
 * secret straddling the cut would otherwise survive in part, where no
 * redaction recognises it any more.
 */
export function errorDetailFromBody(text: string, redact: (text: string) => string): string | undefined {
  const json = tryParseJson(text);
  if (isRecord(json)) {
    const fromJson = detailFromObject(json);
    const quoted = fromJson === undefined ? undefined : excerpt(redact(fromJson));
    if (quoted !== undefined) return quoted;
  }
  return excerpt(redact(text));
}

/** The explanation in a JSON error body, whole (not yet redacted or cut). */
function detailFromObject(json: Record<string, unknown>): string | undefined {
  const { detail } = json;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const messages = detail.map((item) => (isRecord(item) && typeof item.msg === 'string' ? withLocation(item.loc, item.msg) : undefined));
    if (messages.length > 0 && messages.every((m) => m !== undefined)) return messages.join('; ');
  }
  if (detail !== undefined && detail !== null) return JSON.stringify(detail);
  for (const key of ['message', 'error'] as const) {
    const value = json[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * A validation message after the field it is about. FastAPI's msgs ("field
 * required", "value is not a valid uuid") do not name the field: its `loc`
 * does (`["body", "projectId"]`), and without it a 422 does not say what to fix.
 */
function withLocation(loc: unknown, msg: string): string {
  const parts = Array.isArray(loc) ? loc.filter((part) => typeof part === 'string' || typeof part === 'number') : [];
  return parts.length > 0 ? `${parts.join('.')}: ${msg}` : msg;
}

/**
 * Whitespace collapsed, cut to {@link MAX_EXCERPT_CHARS}; `undefined` when
 * empty. Redact the text before, never after: see {@link errorDetailFromBody}.
 */
export function excerpt(text: string): string | undefined {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return undefined;
  return collapsed.length > MAX_EXCERPT_CHARS ? `${collapsed.slice(0, MAX_EXCERPT_CHARS)}…` : collapsed;
}

/** Parses JSON, or returns `undefined` when the text is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The parts of a zod issue we report (kept structural so any zod version fits). */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  /** For a failed union (`invalid_union`): each member's issues, with paths relative to the union. */
  readonly errors?: readonly (readonly SchemaIssue[])[];
}

/**
 * A short readable list of schema problems, one per issue, such as
 * `data.status: expected string, received undefined`. A failed union (our
 * envelopes accept `data` as an object or as a list) is reported through the
 * member that got furthest, so the message names the field that was wrong
 * instead of the union's bare "Invalid input".
 */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  const flat = issues.flatMap((issue) => flattenUnion(issue));
  const lines = flat
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${['data', ...issue.path.map((key) => String(key))].join('.')}: ${plainMessage(issue.message)}`);
  const more = flat.length - MAX_LISTED_ISSUES;
  if (more > 0) lines.push(`… and ${more} more`);
  return lines.join('; ');
}

/**
 * The issues of the union member that matched best, at their full paths
 * (nested unions too); other issues as they are.
 */
function flattenUnion(issue: SchemaIssue): SchemaIssue[] {
  if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0) return [issue];
  let best: SchemaIssue[] | undefined;
  let bestScore = -Infinity;
  for (const member of issue.errors) {
    const flat = member
      .flatMap((inner) => flattenUnion(inner))
      .map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
    const score = reach(flat, issue.path.length);
    // Ties go to the earlier member, as zod lists them in declaration order.
    if (flat.length > 0 && score > bestScore) {
      best = flat;
      bestScore = score;
    }
  }
  return best ?? [issue];
}

/**
 * How far a union member got: the depth of its deepest issue below the
 * union. A member whose only complaint is the wrong type at the union itself
 * (an object where it wants a list) did not apply at all, so it ranks lowest.
 */
function reach(issues: readonly SchemaIssue[], unionDepth: number): number {
  return Math.max(
    ...issues.map((issue) => {
      const depth = issue.path.length - unionDepth;
      return depth === 0 && issue.code === 'invalid_type' ? -1 : depth;
    }),
  );
}

/** zod prefixes type mismatches with "Invalid input: "; after a field path it is noise. */
function plainMessage(message: string): string {
  const plain = message.replace(/^Invalid input: (?=\S)/, '');
  return plain === '' ? message : plain;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads (a bounded amount of) an unwanted body so the socket can be reused, or frees it. */
export async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump();
  } catch {
    // The body is gone either way; nothing useful to report.
  }
}

/** The first value of a possibly repeated header. */
export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
