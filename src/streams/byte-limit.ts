/** Streams that stop at a size limit, and how such a limit is named in messages. */
import { Transform } from 'node:stream';

/**
 * A pass-through that fails with `tooLarge()` once more than `max` bytes
 * have come through; the chunk that crosses the limit is not passed on.
 * Counts what the server actually sends, whatever it declared.
 */
export function byteLimit(max: number, tooLarge: () => Error, highWaterMark = 1024 * 1024): Transform {
  let seen = 0;
  return new Transform({
    highWaterMark,
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > max) callback(tooLarge());
      else callback(null, chunk);
    },
  });
}

/** A byte count as people read a limit: `2 GiB`, `512 MiB`, or bytes when it is no whole number of either. */
export function describeBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit} (${bytes} bytes)`;
  }
  return `${bytes} bytes`;
}

