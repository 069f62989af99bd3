/**
 * Bench figures about the bundle itself: how long `node dist/main/index.js`
 * takes to fail fast on a missing required input (over a bare `node -e 0`),
 * and how big dist/ is.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { actionNode, runnerEnv } from '../__tests__/helpers/action-runner.js';
import { GIT_PROJECT_ID } from '../__tests__/emulator/testing-studio-emulator.js';
import {
  bounded,
  formatSize,
  info,
  median,
  MeasurementError,
  quantile,
  round,
  withTimeout,
  type Bench,
  type Resources,
  type Section,
} from './bench-util.js';

/** Timed runs of each command, after the warm-ups. */
const RUNS = 30;
const WARMUPS = 3;
/** Target from the issue: start-up overhead over bare node. */
const COLD_START_TARGET_MS = 60;

interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
}

/** Spawn node with `args`, wall time from spawn to the exit of the process and its pipes. */
function timeNode(args: string[], env: NodeJS.ProcessEnv, cwd: string, resources: Resources): Promise<Timed> {
  const started = performance.now();
  const child = resources.adopt(spawn(actionNode(), args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.resume();
  const done = new Promise<Timed>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, code, stdout }));
  });
  return withTimeout(done, 30_000, `node ${args.join(' ')}`, () => child.kill('SIGKILL'));
}

/** The bundle must fail the way a runner would show it; otherwise the timing means nothing. */
function checkFailFast(run: Timed): void {
  const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'));
  if (run.code !== 1 || !error?.includes('api-url')) {
    throw new MeasurementError(
      `expected exit 1 and an ::error:: about api-url, got exit ${run.code} and ${JSON.stringify(run.stdout.slice(0, 300))}`,
    );
  }
}

/** Cold start of the committed bundle over bare node: median and p90 of alternating runs. */
export async function measureColdStart({ resources, mainBundle }: Bench): Promise<Section> {
  const ws = await resources.workspace();
  // Every input but api-url: the entrypoint must reject it before loading anything heavy.
  const env = runnerEnv(ws, { 'api-token': 'bench-token', 'project-id': GIT_PROJECT_ID });
  const action = [mainBundle];
  const bare = ['-e', '0'];
  const actionMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    // Alternate which goes first, so neither always runs right after the other.
    const order = i % 2 === 0 ? ['action', 'bare'] : ['bare', 'action'];
    for (const which of order) {
      const run = await timeNode(which === 'action' ? action : bare, env, ws.workspace, resources);
      if (which === 'action') checkFailFast(run);
      else if (run.code !== 0) throw new MeasurementError(`node -e 0 exited ${run.code}`);
      if (i >= WARMUPS) (which === 'action' ? actionMs : bareMs).push(run.ms);
    }
  }
  await resources.remove(ws.root);

  const medianOver = median(actionMs) - median(bareMs);
  const p90Over = quantile(actionMs, 0.9) - quantile(bareMs, 0.9);
  return {
    name: 'cold start',
    figures: [
      bounded('Cold start, median over bare node', medianOver, 'ms', `+${medianOver.toFixed(1)} ms`, COLD_START_TARGET_MS, `${COLD_START_TARGET_MS} ms`),
      bounded('Cold start, p90 over bare node p90', p90Over, 'ms', `+${p90Over.toFixed(1)} ms`, COLD_START_TARGET_MS, `${COLD_START_TARGET_MS} ms`),
    ],
    notes: [
      `Cold start: ${RUNS} alternating runs each after ${WARMUPS} warm-ups; action median ${median(actionMs).toFixed(1)} ms ` +
        `(p90 ${quantile(actionMs, 0.9).toFixed(1)}), bare node median ${median(bareMs).toFixed(1)} ms ` +
        `(p90 ${quantile(bareMs, 0.9).toFixed(1)}); wall time from spawn to exit; every action run exited 1 with ::error:: naming api-url.`,
    ],
    raw: { runs: RUNS, warmups: WARMUPS, actionMs: actionMs.map((v) => round(v)), bareMs: bareMs.map((v) => round(v)) },
  };
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Sizes of the committed bundles. */
export async function measureDistSize({ distDir, mainBundle }: Bench): Promise<Section> {
  const main = await folderBytes(path.join(distDir, 'main'));
  const post = await folderBytes(path.join(distDir, 'post'));
  const initial = (await stat(mainBundle)).size;
  return {
    name: 'dist size',
    figures: [
      info('dist/main + dist/post, total', main + post, 'bytes', formatSize(main + post)),
      info('dist/main (all chunks)', main, 'bytes', formatSize(main)),
      info('dist/main/index.js (initial chunk)', initial, 'bytes', formatSize(initial)),
    ],
    notes: [],
    raw: { mainBytes: main, postBytes: post, initialChunkBytes: initial },
  };
}
