import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that keep WebAssembly on its baseline tier (Liftoff). Each says
 * the same thing; V8 versions differ in which one they read once running:
 * - Node 20 (V8 11.3) honours `--liftoff-only` set at run time;
 * - Node 24 (V8 13.6) ignores it when set at run time (its implications,
 *   no tier-up, are only applied to flags given at start-up) and needs
 *   `--no-wasm-tier-up` and `--no-wasm-dynamic-tiering` too; either one alone
 *   was not enough.
 */
const BASELINE_ONLY_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'] as const;

/**
 * Makes V8 compile WebAssembly with its baseline tier (Liftoff) only.
 *
 * Why: undici compiles its llhttp WebAssembly parser on first connect; V8's
 * optimising tier needs ~35 MB for that, the baseline tier none worth noting.
 * Measured by hand, with and without the flags (50 requests through undici,
 * peak RSS): Node 20 99 → 64 MB, Node 24 98 → 77 MB; no difference in the
 * time of 400 MB downloads. With them, `npm run bench`'s small run peaks near
 * 70 MB. Call it before the first request.
 */
export function useBaselineWasmTier(): void {
  for (const flag of BASELINE_ONLY_FLAGS) setFlagsFromString(flag);
}
