import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that keep WebAssembly on its baseline tier (Liftoff). Each says
 * the same thing; V8 versions differ in which one they read once running:
 * - Node 20 (V8 11.3) honours `--liftoff-only` set at run time;
 * - Node 24 (V8 13.6) ignores it when set at run time (its implications,
 *   no tier-up, are only applied to flags given at start-up) and needs
 *   `--no-wasm-tier-up` and `--no-wasm-dynamic-tiering` too; either one alone
 *   was not enough.
 *
 * Why: undici compiles its llhttp WebAssembly parser on first connect; V8's
 * optimising tier needs ~35 MB for that, the baseline tier none worth noting.
 * Measured by hand, with and without the flags (50 requests through undici,
 * peak RSS): Node 20 99 → 64 MB, Node 24 98 → 77 MB; no difference in the
 * time of 400 MB downloads.
 */
const BASELINE_WASM_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'] as const;

/**
 * Leaves JavaScript to V8's mid tier (Maglev) by turning its top tier
 * (Turbofan) off. Set at run time, `--no-turbofan` takes effect on Node 24;
 * `--max-opt=2`, which means the same at start-up, does not.
 *
 * Why: the step's hot JavaScript is stream plumbing around native work
 * (sockets, files, zlib), and its only byte loop (yazl's CRC-32) runs as fast
 * under Maglev (0.71 s per 300 MB either way). Turbofan gains nothing there but
 * compiles on a background thread during a transfer, which on a 2-core runner
 * competes with the transfer itself, and costs ~6 MB of peak memory (more of
 * node's code mapped, compiler memory in the C heap). Measured by hand on
 * Node 24 (A/B of the same bundle, interleaved): peak RSS 97–101 → 90–94 MB
 * for download + extract of 400 MB, 99–105 → 93–94 MB for zip + upload of
 * 300 MB; 400 MB download 0.53 → 0.47 s and 0.58 → 0.41 s (medians of 15 and
 * 9 rounds; this machine's noise is of that order, so read it as "no slower").
 * A report of 20,000 cases takes as long either way (1.5 s for the step).
 */
const NO_TOP_TIER_FLAG = '--no-turbofan';

/**
 * Whether this node's V8 was built with Maglev, the tier that takes
 * Turbofan's place. Built in, it is also on by default. Node 24 has it;
 * Node 20 and Node 22 were built without it (`v8_enable_maglev: 0`), so there
 * turning Turbofan off would leave hot code in the baseline compiler
 * (Sparkplug), ~3× slower on byte loops: there Turbofan stays.
 */
export function hasMaglev(config: { variables?: object } = process.config): boolean {
  const variables = (config.variables ?? {}) as Record<string, unknown>;
  return variables['v8_enable_maglev'] === 1 || variables['v8_enable_maglev'] === true;
}

/** The V8 flags {@link useLeanV8Tiers} sets, given whether V8 has Maglev. */
export function leanV8TierFlags(maglev: boolean): string[] {
  return maglev ? [...BASELINE_WASM_FLAGS, NO_TOP_TIER_FLAG] : [...BASELINE_WASM_FLAGS];
}

/**
 * Sets {@link leanV8TierFlags} for this process's V8: WebAssembly on its
 * baseline tier, and JavaScript without Turbofan where Maglev can take its
 * place. Call it first thing, before the first request.
 */
export function useLeanV8Tiers(maglev: boolean = hasMaglev(), setFlags: (flag: string) => void = setFlagsFromString): void {
  for (const flag of leanV8TierFlags(maglev)) setFlags(flag);
}
