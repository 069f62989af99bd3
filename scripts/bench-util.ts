/**
 * Shared pieces of `npm run bench`: the figure model printed in the table and
 * written to .bench/results.json, small statistics, and the Resources object
 * that owns every temp folder and child process so one `cleanup()` removes
 * them all, whatever failed.
 */
import type { ChildProcess } from 'node:child_process';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRunnerWorkspace, type RunnerWorkspace } from '../__tests__/helpers/action-runner.js';
import type { Emulator } from '../__tests__/emulator/testing-studio-emulator.js';
import { errorMessage } from '../src/core/errors.js';

/** How a figure compares with its target. INFO: no target; SKIP: could not be measured here (not a failure). */
export type Verdict = 'PASS' | 'MISS' | 'INFO' | 'SKIP' | 'ERROR';

/** One row of the results table. */
export interface Figure {
  label: string;
  /** The number compared with the target, in `unit`; null when skipped or failed. */
  value: number | null;
  unit: string;
  /** `value` as printed, e.g. `43.1 ms`. */
  display: string;
  /** e.g. `≤ 60 ms`, or `—` when there is none. */
  target: string;
  verdict: Verdict;
}

/** What one measurement produced: rows, caveats, and raw samples for the JSON file. */
export interface Section {
  name: string;
  figures: Figure[];
  notes: string[];
  raw: Record<string, unknown>;
}

/** What every measurement gets. */
export interface Bench {
  resources: Resources;
  /** The real-time emulator shared by the measurements that spawn the bundle. */
  emulator: Emulator;
  /** A snapshot of dist/ taken when the bench started (see bench.ts). */
  distDir: string;
  /** `<distDir>/main/index.js`. */
  mainBundle: string;
}

/** Bytes in the "MB" used throughout (the repository's formatBytes is 1024-based too). */
export const MB = 1024 * 1024;

/** A figure with an upper bound: PASS when `value ≤ max`. */
export function bounded(label: string, value: number, unit: string, display: string, max: number, maxDisplay: string): Figure {
  return { label, value, unit, display, target: `≤ ${maxDisplay}`, verdict: value <= max ? 'PASS' : 'MISS' };
}

/** A figure reported without a target. */
export function info(label: string, value: number, unit: string, display: string): Figure {
  return { label, value, unit, display, target: '—', verdict: 'INFO' };
}

/** A figure that could not be measured on this machine, with the reason as its value. */
export function skipped(label: string, reason: string, target = '—'): Figure {
  return { label, value: null, unit: '', display: reason, target, verdict: 'SKIP' };
}

/** A row standing for a measurement that failed. */
export function failed(label: string, error: unknown): Figure {
  const message = errorMessage(error);
  return { label, value: null, unit: '', display: `failed: ${message.split('\n')[0] ?? ''}`, target: '—', verdict: 'ERROR' };
}

/** Raised when a measurement ran but its result cannot be trusted (wrong exit code, wrong size …). */
export class MeasurementError extends Error {
  override readonly name = 'MeasurementError';
}

/** The q-quantile (0..1) by linear interpolation; throws on an empty sample. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new MeasurementError('quantile of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const low = sorted[lo] ?? 0;
  const high = sorted[hi] ?? low;
  return low + (high - low) * (pos - lo);
}

/** The median of a sample. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** e.g. `1.06 MB` or `812.4 kB` (1024-based, like the action's own log lines). */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(2)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** Round to `digits` decimals, for the JSON file. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Whether an executable is on PATH (or at an absolute path), without running it. */
export async function findExecutable(name: string): Promise<string | undefined> {
  const candidates = path.isAbsolute(name)
    ? [name]
    : (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next PATH entry
    }
  }
  return undefined;
}

/** Rejects after `ms` with a MeasurementError naming `what`; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new MeasurementError(`${what} did not finish within ${Math.round(ms / 1000)} s`));
    }, ms);
    timer.unref();
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Prefix of the bench's temp root: `ts-bench-<pid>-XXXXXX` in the OS temp dir. */
const ROOT_PREFIX = 'ts-bench-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temp folders and child processes of one bench run. Every folder lives under
 * one root named after this process's pid, so `cleanup()` removes it all, and
 * a later run removes the root of a bench that was killed outright (tsx
 * SIGKILLs its child when the child does not acknowledge Ctrl-C in 30 ms).
 */
export class Resources {
  private readonly children = new Set<ChildProcess>();
  /** Grandchildren (e.g. node under /usr/bin/time) known only by pid. */
  private readonly pids = new Set<number>();

  private constructor(readonly root: string) {}

  /** Sweep roots left by killed benches, then create this run's root. */
  static async create(): Promise<Resources> {
    for (const name of await readdir(os.tmpdir())) {
      const pid = Number(new RegExp(`^${ROOT_PREFIX}(\\d+)-`).exec(name)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
        await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
      }
    }
    return new Resources(await mkdtemp(path.join(os.tmpdir(), `${ROOT_PREFIX}${process.pid}-`)));
  }

  /** A fresh folder under the root. */
  async tempDir(prefix: string): Promise<string> {
    return mkdtemp(path.join(this.root, `${prefix}-`));
  }

  /** A runner-like workspace under the root (cleaned up with it). */
  async workspace(): Promise<RunnerWorkspace> {
    return createRunnerWorkspace(undefined, this.root);
  }

  /** Remove one folder now (the big ones should not wait for the end). */
  async remove(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
  }

  /** Register a child so cleanup stops it if it is still running; it unregisters itself on exit. */
  adopt(child: ChildProcess): ChildProcess {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Register a grandchild by pid; call the returned function once it has exited. */
  adoptPid(pid: number): () => void {
    this.pids.add(pid);
    return () => this.pids.delete(pid);
  }

  /** Stop every child still running (by its own pid) and delete the root. Safe to call twice. */
  async cleanup(): Promise<void> {
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.pids.clear();
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    this.children.clear();
    await rm(this.root, { recursive: true, force: true });
  }
}
