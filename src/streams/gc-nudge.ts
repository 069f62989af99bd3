import { Transform } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How many bytes may stream through between two young-generation collections. */
export const GC_NUDGE_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * A size limit for {@link gcNudge}: once more than `maxBytes` have come
 * through, the stream fails with `tooLarge()`, and the chunk that crossed the
 * limit is not passed on. It counts what actually arrives, whatever a sender
 * declared.
 */
export interface StreamLimit {
  maxBytes: number;
  tooLarge: () => Error;
}

/**
 * A pass-through stream that asks V8 for a minor (young-generation) garbage
 * collection every `everyBytes` bytes, and enforces `limit` when given.
 *
 * Why the limit lives here rather than in a stream of its own: each stage of
 * a 400 MB pipeline costs time in a process that has just started (its
 * JavaScript still unoptimised). A separate limiting Transform before this
 * one made the artifact download 0.17 s slower on Node 20 and 0.08 s on
 * Node 24 (medians of 9 interleaved rounds, first download of a fresh
 * process, 0.49 → 0.67 s and 0.43 → 0.51 s), a third of curl's time.
 *
 * Why: streaming hundreds of MB allocates a 64 KB Buffer per socket or file
 * read. They die at once, but V8 only collects them when its external-memory
 * counter grows by tens of MB, so a 400 MB download peaked ~40 MB above the
 * process's baseline. A scavenge costs well under a millisecond here and
 * keeps the peak ~10 MB above it (measured by `npm run bench`).
 * It is also faster. Measured on a 400 MB loopback download (--trace-gc,
 * 3 runs each): every 4 or 8 MB, one mark-compact and ~0.25 s of user CPU;
 * every 16 or 32 MB, or never, 15–18 mark-compacts (V8's external-memory
 * trigger) and ~0.45–0.5 s; every 2 MB, 30 mark-compacts and ~0.7 s (buffers
 * still in flight survive two scavenges and are promoted).
 * 4 MB rather than 8: the bench's download + extract peak, 3 runs each, fell
 * from 84–87 to 78–80 MB on Node 20 and from 98–105 to 96–101 MB on Node 24
 * (which starts ~11 MB higher), with no change seen in download time.
 * Where `gc` cannot be exposed, this is a plain pass-through.
 */
export function gcNudge(everyBytes = GC_NUDGE_EVERY_BYTES, highWaterMark = 1024 * 1024, limit?: StreamLimit): Transform {
  const collect = exposeGc();
  let since = 0;
  let total = 0;
  return new Transform({
    highWaterMark,
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (limit && total > limit.maxBytes) {
        callback(limit.tooLarge());
        return;
      }
      since += chunk.length;
      if (since >= everyBytes) {
        since = 0;
        collect?.();
      }
      callback(null, chunk);
    },
  });
}

/**
 * Run `fn` while collecting the young generation every `intervalMs`. For
 * streams we cannot put a gcNudge into, such as the multipart upload body
 * that undici reads from a file-backed Blob. Measured on a 300 MB upload:
 * +38 MB over baseline without, +12 MB with a 10 ms interval (50 ms: +37 MB).
 * 5 ms, from 10: the bench's zip + upload peak, 3+ runs each, fell from
 * 86–91 to 84–85 MB on Node 20 and from 100–104 to 99–102 MB on Node 24; a
 * scavenge of a small young generation takes well under a millisecond.
 */
export async function withPeriodicGc<T>(fn: () => Promise<T>, intervalMs = 5): Promise<T> {
  const collect = exposeGc();
  const timer = collect ? setInterval(collect, intervalMs) : undefined;
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/**
 * The isolate's young-generation collector, looked up on first use and kept:
 * it is a fact of the process, not state that changes. Looking it up builds a
 * fresh V8 context (~0.4 ms, and memory until that context is collected),
 * which extraction, making one nudge per zip entry, would otherwise do for
 * every entry.
 */
let collector: { collect: (() => void) | undefined } | undefined;

function exposeGc(): (() => void) | undefined {
  collector ??= { collect: lookUpGc() };
  return collector.collect;
}

/** The `gc` function, exposed at run time (it is per-isolate, so a fresh context can see it). */
function lookUpGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    if (typeof gc !== 'function') return undefined;
    return () => (gc as (options: { type: 'minor' }) => void)({ type: 'minor' });
  } catch {
    return undefined;
  }
}
