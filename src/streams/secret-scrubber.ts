/**
 * Replaces secrets in a byte stream, for files the step writes from what the
 * server sent (the run's artifact: its log may print the project's git
 * token). A secret may straddle two chunks, so the last bytes of each chunk
 * that could begin one are held back until the next chunk, or the end,
 * decides.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** What a found secret becomes, as in every text the step writes. */
const REPLACEMENT = Buffer.from('***');
const EMPTY = Buffer.alloc(0);

/** Outcome of scrubbing one buffer: the parts to pass on, the bytes held back, how many secrets were replaced. */
export interface ScrubbedBuffer {
  parts: Buffer[];
  held: Buffer;
  found: number;
}

/**
 * The first position at or after `from` where the rest of `buffer` is the
 * start of a secret, cut by the buffer's end; `buffer.length` if none. Only
 * there must bytes be held back. Nearly always none: held-back bytes would
 * cost a copy (or an extra small write) per chunk.
 */
function cutSecretStart(buffer: Buffer, patterns: readonly Buffer[], from: number): number {
  for (let at = from; at < buffer.length; at++) {
    const rest = buffer.length - at;
    for (const pattern of patterns) {
      if (pattern.length <= rest) continue;
      let k = 0;
      while (k < rest && buffer[at + k] === pattern[k]) k++;
      if (k === rest) return at;
    }
  }
  return buffer.length;
}

/**
 * Scrubs `buffer`. `patterns` must be non-empty and longest first, so that of
 * two secrets starting at one place the longer is replaced. Unless `final`,
 * the bytes from where a secret may be cut by the buffer's end are held back:
 * the caller puts them in front of the next buffer.
 */
export function scrubBuffer(buffer: Buffer, patterns: readonly Buffer[], final: boolean): ScrubbedBuffer {
  const longest = patterns[0]?.length ?? 0;
  const tail = Math.max(0, buffer.length - (longest - 1));
  // A match starting at or after a cut secret's start waits, held back: it may be the start of a longer secret
  // (a secret's lines are secrets too). Any match before it is whole within the buffer, and so is any longer one.
  let decided = final ? buffer.length : cutSecretStart(buffer, patterns, tail);
  const parts: Buffer[] = [];
  let found = 0;
  let from = 0;
  // Each pass replaces the earliest match after `from`; bounded by the buffer's length, as every match moves `from` on.
  for (;;) {
    // A match that ran past `decided` (the start of a longer secret it overlapped) leaves the bytes after it to be
    // decided afresh: a whole secret right after it (`tokentoken`) is replaced, not passed on in part.
    if (from > decided) decided = cutSecretStart(buffer, patterns, Math.max(from, tail));
    let at = -1;
    let match: Buffer | undefined;
    for (const pattern of patterns) {
      const index = buffer.indexOf(pattern, from);
      if (index !== -1 && index < decided && (at === -1 || index < at)) {
        at = index;
        match = pattern;
      }
    }
    if (match === undefined) break;
    parts.push(buffer.subarray(from, at), REPLACEMENT);
    from = at + match.length;
    found++;
  }
  // At the loop's end `decided` is at or after `from` (the check at its top).
  const holdFrom = final ? buffer.length : decided;
  if (holdFrom > from) parts.push(from === 0 && holdFrom === buffer.length ? buffer : buffer.subarray(from, holdFrom));
  return { parts, held: holdFrom < buffer.length ? Buffer.from(buffer.subarray(holdFrom)) : EMPTY, found };
}

/**
 * A pass-through that writes `***` for every occurrence of `patterns` (the
 * secrets' bytes) and calls `onFound` with the count once the stream ends.
 */
export function createSecretScrubber(patterns: readonly Buffer[], onFound: (count: number) => void): Transform {
  const ordered = [...patterns].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
  let held: Buffer = EMPTY;
  let found = 0;
  const push = (stream: Transform, parts: Buffer[]): void => {
    for (const part of parts) if (part.length > 0) stream.push(part);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (ordered.length === 0) {
        callback(null, chunk);
        return;
      }
      // Held bytes are rare (the chunk ended in what may be the start of a secret), so joining them is too.
      const input = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      const result = scrubBuffer(input, ordered, false);
      held = result.held;
      found += result.found;
      push(this, result.parts);
      callback();
    },
    flush(callback: TransformCallback) {
      if (ordered.length > 0 && held.length > 0) {
        const result = scrubBuffer(held, ordered, true);
        found += result.found;
        push(this, result.parts);
      }
      if (found > 0) onFound(found);
      callback();
    },
  });
}
