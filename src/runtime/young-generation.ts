import { setFlagsFromString } from 'node:v8';

/**
 * Stops V8's young generation from doubling, each time it fills, up to its
 * maximum (16 MB per semi-space on Node 20, 32 MB of new space or more on
 * Node 24) when a phase allocates many small objects quickly. V8 reads it
 * whenever it decides to grow the new space, so it takes effect when set at
 * run time (checked on the node that runs the bundles by
 * `__tests__/integration/action-young-generation.int.test.ts`), where the
 * flags that size the new space outright (`--max-semi-space-size`) are read
 * only at start-up. Under that test's probe the new space reached 2–4 MB with
 * it on Node 20 and 6–11 MB on Node 24 (whose V8 still grows it a little),
 * against 32–64 MB without it on both.
 *
 * Why: zipping 10,000 small suite files makes ~50,000 short-lived stream
 * objects, and reports of thousands of cases many small strings; the new
 * space grew to its maximum, which V8 then keeps. Measured with the bench's
 * bundle, flag off → on: zip + upload of 10,000 small files, peak RSS
 * 131–135 → 106–108 MB on Node 20 and 160–248 → 134–136 MB on Node 24, in
 * no more time; the 5,000-case report 114 → 92 MB and 124 → 102 MB. The large
 * transfers need no big new space (their buffers live outside V8's heap, and
 * gc-nudge.ts collects the young generation every few MB of them), and the
 * download, with few small objects, did not move beyond this host's noise:
 * interleaved pairs of download-only benches gave 1.22–1.33× curl's time
 * with it against 1.50–2.06× without on Node 20, and 1.19–1.34× against
 * 1.09–1.22× on Node 24.
 */
export const SMALL_YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

/** Sets {@link SMALL_YOUNG_GENERATION_FLAG} for this process's V8. Call it first thing. */
export function useSmallYoungGeneration(setFlags: (flag: string) => void = setFlagsFromString): void {
  setFlags(SMALL_YOUNG_GENERATION_FLAG);
}
