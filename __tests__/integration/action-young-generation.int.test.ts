/**
 * The young-generation flag the action sets at run time must really take
 * effect on the node that runs the bundles (ACTION_NODE: `.ci/run` repeats
 * this file on Node 24). V8 accepts flags it then ignores once running (as
 * Node 24 does `--liftoff-only`), so this watches the new space itself.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { actionNode, REPO_ROOT } from '../helpers/action-runner.js';
import { SMALL_YOUNG_GENERATION_FLAG, useSmallYoungGeneration } from '../../src/runtime/young-generation.js';

const execFileAsync = promisify(execFile);
const PROBE = path.join(REPO_ROOT, '__tests__', 'helpers', 'young-generation-probe.ts');
const MB = 1024 * 1024;

/** Runs the probe on the action's node under tsx; the largest new space it saw, in bytes. */
async function largestNewSpace(small: boolean): Promise<number> {
  const args = ['--import', 'tsx', PROBE, ...(small ? ['small'] : [])];
  const { stdout } = await execFileAsync(actionNode(), args, { cwd: REPO_ROOT, timeout: 30_000 });
  return (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { largestNewSpaceBytes: number }).largestNewSpaceBytes;
}

describe("V8's young generation on the node that runs the bundles", () => {
  // Seen: 32–64 MB without the flag on Node 20 and 24; with it, 2–4 MB on Node 20 and 6–11 MB on Node 24.
  it('grows to tens of MB under the probe when the action sets no flag, so the probe can tell', async () => {
    expect(await largestNewSpace(false)).toBeGreaterThanOrEqual(24 * MB);
  });

  it('stays well below that once the action has set its flag at run time', async () => {
    expect(await largestNewSpace(true)).toBeLessThanOrEqual(16 * MB);
  });
});

describe('useSmallYoungGeneration', () => {
  it('sets the one flag that stops the new space from growing', () => {
    const set: string[] = [];
    useSmallYoungGeneration((flag) => set.push(flag));
    expect(set).toEqual([SMALL_YOUNG_GENERATION_FLAG]);
    expect(SMALL_YOUNG_GENERATION_FLAG).toBe('--semi-space-growth-factor=1');
  });
});
