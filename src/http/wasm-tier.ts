import { setFlagsFromString } from 'node:v8';

/**
 * Makes V8 compile WebAssembly with its baseline tier (Liftoff) only.
 *
 * Why: undici compiles its llhttp WebAssembly parser on first connect; V8's
 * optimising tier needs ~35 MB for that, the baseline tier none worth noting.
 * Measured (`npm run bench`, scripts/bench-transfer.ts): HTTP parsing on the
 * baseline tier is as fast for our traffic, large artifact downloads
 * included, and peak RSS stays near 70 MB. Call it before the first request.
 */
export function useBaselineWasmTier(): void {
  setFlagsFromString('--liftoff-only');
}
