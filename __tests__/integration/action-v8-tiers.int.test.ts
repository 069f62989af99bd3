/**
 * The V8 flags the action sets at run time must really take effect on the
 * node that runs the bundles (ACTION_NODE: `.ci/run` repeats this file on
 * Node 24). A flag V8 accepts but ignores once running is the failure this
 * guards against: Node 24 silently ignored a run-time `--liftoff-only`, and
 * ignores a run-time `--max-opt=2`.
 */
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { actionNode, REPO_ROOT } from '../helpers/action-runner.js';
import { hasMaglev, leanV8TierFlags } from '../../src/runtime/v8-tiers.js';

const execFileAsync = promisify(execFile);
const PROBE = path.join(REPO_ROOT, '__tests__', 'helpers', 'v8-tier-probe.ts');

interface ProbeResult {
  /** What {@link hasMaglev} said in the probe, i.e. on the node that runs the bundles. */
  maglev: boolean;
  /** The tiers V8 finished compiling the probe's hot JavaScript loop for, from `--trace-opt`. */
  jsTiers: Set<string>;
  /** The tiers V8 compiled WebAssembly functions with, from `--trace-wasm-compilation-times`. */
  wasmTiers: Set<string>;
}

/** Whether the action's node knows a V8 flag (Node 20's V8 lacks some test-only ones). */
function knowsFlag(flag: string): boolean {
  return execFileSync(actionNode(), ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 << 20 }).includes(`  ${flag} `);
}

/** Runs the probe on the action's node under tsx and reads which tiers compiled its hot code. */
async function probe(lean: boolean): Promise<ProbeResult> {
  // Compiling on the main thread makes the traces deterministic: a busy machine cannot leave a compile unfinished when the loop ends.
  const sync = ['--no-concurrent-recompilation', '--no-concurrent-osr', ...(knowsFlag('--wasm-sync-tier-up') ? ['--wasm-sync-tier-up'] : [])];
  const traces = ['--trace-opt', '--trace-wasm-compilation-times'];
  const args = ['--import', 'tsx', ...traces, ...sync, PROBE, ...(lean ? ['lean'] : [])];
  const { stdout } = await execFileAsync(actionNode(), args, { cwd: REPO_ROOT, timeout: 20_000, maxBuffer: 16 << 20 });
  const lines = stdout.split('\n');
  const summary = lines.find((line) => line.startsWith('{'));
  if (!summary) throw new Error(`the probe printed no summary: ${stdout.slice(-500)}`);
  const jsTiers = new Set<string>();
  const wasmTiers = new Set<string>();
  for (const line of lines) {
    const js = /^\[completed (?:compiling|optimizing) .*<JSFunction hotProbeLoop .*\(target ([A-Z]+)/.exec(line);
    if (js?.[1]) jsTiers.add(js[1]);
    const wasm = /^Compiled function \S+ using (\w+),/.exec(line);
    if (wasm?.[1]) wasmTiers.add(wasm[1]);
  }
  return { maglev: (JSON.parse(summary) as { maglev: boolean }).maglev, jsTiers, wasmTiers };
}

describe('V8 tiers on the node that runs the bundles', () => {
  it("optimises the probe's JavaScript and WebAssembly up to the top tier when the action sets no flags, so the probe can tell", async () => {
    const { jsTiers, wasmTiers } = await probe(false);
    expect(jsTiers).toContain('TURBOFAN');
    expect(wasmTiers).toEqual(new Set(['Liftoff', 'TurboFan']));
  });

  it('keeps WebAssembly on Liftoff once the flags are set, on every V8', async () => {
    const { wasmTiers } = await probe(true);
    expect(wasmTiers).toEqual(new Set(['Liftoff']));
  });

  it('keeps hot JavaScript on Maglev, never Turbofan, once the flags are set where V8 has Maglev', async () => {
    const { maglev, jsTiers } = await probe(true);
    if (maglev) {
      expect(jsTiers).toContain('MAGLEV');
      expect(jsTiers).not.toContain('TURBOFAN');
    } else {
      // Without Maglev (Node 20 and 22) Turbofan stays: the alternative would be the 3× slower baseline tier.
      expect(jsTiers).toContain('TURBOFAN');
    }
  });
});

describe('leanV8TierFlags', () => {
  it('turns Turbofan off where V8 has Maglev and keeps WebAssembly on Liftoff everywhere', () => {
    expect(leanV8TierFlags(true)).toEqual(['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering', '--no-turbofan']);
    expect(leanV8TierFlags(false)).toEqual(['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']);
  });
});

describe('hasMaglev', () => {
  it("reads Node's build configuration: Maglev when v8_enable_maglev is set, as on Node 24", () => {
    expect(hasMaglev({ variables: { v8_enable_maglev: 1 } })).toBe(true);
    expect(hasMaglev({ variables: { v8_enable_maglev: true } })).toBe(true);
  });

  it('says no Maglev when the build left it out (Node 20 and 22) or does not say', () => {
    expect(hasMaglev({ variables: { v8_enable_maglev: 0 } })).toBe(false);
    expect(hasMaglev({ variables: {} })).toBe(false);
    expect(hasMaglev({})).toBe(false);
  });
});
