/**
 * The V8 flags the action sets at run time must really take effect on the
 * node that runs the bundles (ACTION_NODE: `.ci/run` repeats this file on
 * Node 24). A flag V8 accepts but ignores once running is the failure this
 * guards against: Node 24 silently ignored a run-time `--liftoff-only`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { actionNode, REPO_ROOT } from '../helpers/action-runner.js';
import { leanV8TierFlags, MAGLEV_DEFAULT_FROM_V8_MAJOR } from '../../src/runtime/v8-tiers.js';

const execFileAsync = promisify(execFile);
const PROBE = path.join(REPO_ROOT, '__tests__', 'helpers', 'v8-tier-probe.ts');

interface ProbeResult {
  v8: string;
  /** The tiers V8 finished compiling the probe's hot loop for, from `--trace-opt`. */
  tiers: Set<string>;
}

/** Runs the probe on the action's node under tsx and reads which tiers compiled its hot loop. */
async function probe(lean: boolean): Promise<ProbeResult> {
  const args = ['--import', 'tsx', '--trace-opt', PROBE, ...(lean ? ['lean'] : [])];
  const { stdout } = await execFileAsync(actionNode(), args, { cwd: REPO_ROOT, timeout: 20_000, maxBuffer: 16 << 20 });
  const lines = stdout.split('\n');
  const summary = lines.find((line) => line.startsWith('{'));
  if (!summary) throw new Error(`the probe printed no summary: ${stdout.slice(-500)}`);
  const tiers = new Set<string>();
  for (const line of lines) {
    const match = /^\[completed (?:compiling|optimizing) .*<JSFunction hotProbeLoop .*\(target ([A-Z]+)/.exec(line);
    if (match?.[1]) tiers.add(match[1]);
  }
  return { v8: (JSON.parse(summary) as { v8: string }).v8, tiers };
}

const v8Major = (version: string): number => Number(version.split('.')[0]);

describe('V8 tiers on the node that runs the bundles', () => {
  it('optimises the probe loop up to Turbofan when the action sets no flags, so the probe can tell', async () => {
    const { tiers } = await probe(false);
    expect(tiers).toContain('TURBOFAN');
  });

  it('keeps hot code on Maglev, never Turbofan, once the flags are set where Maglev is the default', async () => {
    const { v8, tiers } = await probe(true);
    if (v8Major(v8) >= MAGLEV_DEFAULT_FROM_V8_MAJOR) {
      expect(tiers).toContain('MAGLEV');
      expect(tiers).not.toContain('TURBOFAN');
    } else {
      // Without Maglev (Node 20's V8 11) Turbofan stays: the alternative would be the 3× slower baseline tier.
      expect(tiers).toContain('TURBOFAN');
    }
  });
});

describe('leanV8TierFlags', () => {
  it('turns Turbofan off from V8 12 (Node 22 and later) and keeps WebAssembly on Liftoff everywhere', () => {
    expect(leanV8TierFlags('13.6.233.17-node.53')).toEqual(['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering', '--no-turbofan']);
    expect(leanV8TierFlags('12.4.254.21-node.33')).toContain('--no-turbofan');
  });

  it('leaves Turbofan on for V8 11 (Node 20) and for a version it cannot read', () => {
    for (const version of ['11.3.244.8-node.38', 'unknown', '']) {
      expect(leanV8TierFlags(version)).toEqual(['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']);
    }
  });
});
