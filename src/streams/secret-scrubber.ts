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

/** Outcome of scrubbing one buffer: the parts to pass on, the bytes held back, how many secrets were replaced. */
export interface ScrubbedBuffer {
  parts: Buffer[];
  held: Buffer;
  found: number;
}

/**
 * Scrubs `buffer`. `patterns` must be non-empty and longest first, so that of
 * two secrets starting at one place the longer is replaced. Unless `final`,
 * the last bytes that could still be the start of a secret are held back:
 * the caller puts them in front of the next buffer.
 */
export function scrubBuffer(buffer: Buffer, patterns: readonly Buffer[], final: boolean): ScrubbedBuffer {
  const longest = patterns[0]?.length ?? 0;
  // Where a match can still be decided: one starting later might be the start of a longer secret cut by the
  // end of the buffer (a secret's lines are secrets too), so it waits, held back, for the next buffer.
  const decided = final ? buffer.length : Math.max(0, buffer.length - (longest - 1));
  const parts: Buffer[] = [];
  let found = 0;
  let from = 0;
  // Each pass replaces the earliest match after `from`; bounded by the buffer's length, as every match moves `from` on.
  for (;;) {
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
  const holdFrom = Math.max(from, decided);
  if (holdFrom > from) parts.push(buffer.subarray(from, holdFrom));
  return { parts, held: Buffer.from(buffer.subarray(holdFrom)), found };
}

/**
 * A pass-through that writes `***` for every occurrence of `patterns` (the
 * secrets' bytes) and calls `onFound` with the count once the stream ends.
 */
export function createSecretScrubber(patterns: readonly Buffer[], onFound: (count: number) => void): Transform {
  const ordered = [...patterns].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
  let held: Buffer = Buffer.alloc(0);
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
      let input = chunk;
      if (held.length > 0) {
        // Joined only when a secret starts in the held bytes (it then ends within the next `longest - 1`):
        // copying every chunk onto the few held bytes would double what extraction allocates.
        const longest = ordered[0]?.length ?? 0;
        const joint = Buffer.concat([held, chunk.subarray(0, longest - 1)]);
        const straddles = chunk.length < longest - 1 || ordered.some((pattern) => {
          const at = joint.indexOf(pattern);
          return at !== -1 && at < held.length;
        });
        if (straddles) input = Buffer.concat([held, chunk]);
        else this.push(held);
      }
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
