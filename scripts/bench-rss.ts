/**
 * Runs the committed bundle as a runner would and measures the peak resident
 * memory of its node process: under GNU `/usr/bin/time -f %M` when present
 * (exact, from the kernel's rusage), else by sampling /proc/<pid>/status.
 * Either way VmHWM (the peak so far) is also read when given log lines
 * appear, which splits the peak by phase (e.g. download vs extraction).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { actionNode, parseFileCommands, runnerEnv, type RunnerWorkspace } from '../__tests__/helpers/action-runner.js';
import { PASSING_SCENARIO, S3_PROJECT_ID, type Emulator } from '../__tests__/emulator/testing-studio-emulator.js';
import type { UploadRecord } from '../__tests__/emulator/ts-types.js';
import { findExecutable, MeasurementError, withTimeout, type Bench, type Resources } from './bench-util.js';

/** GNU time: its -f formats give a child's peak RSS and CPU time. */
export const GNU_TIME = '/usr/bin/time';
const SAMPLE_MS = 50;

/** How the peak was obtained. */
export type RssSource = 'gnu-time' | 'proc-sampling';

/** A finished step with its memory figures (KiB, as the kernel reports them). */
export interface MeasuredStep {
  exitCode: number | null;
  stdout: string;
  outputs: Record<string, string>;
  peakKb: number;
  source: RssSource;
  /** VmHWM (peak so far) when each marker first appeared in stdout; undefined if it never did or /proc was unreadable. */
  peakAtMarkerKb: Record<string, number | undefined>;
  /** Milliseconds from the start of the step to when each marker first appeared in stdout. */
  atMarkerMs: Record<string, number | undefined>;
  wallMs: number;
}

/** VmHWM of `pid` in KiB, or undefined when the process is gone or /proc is unavailable. */
function readPeakKb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The pid of the single child of `pid` (node under time), once it exists. */
function childPid(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether GNU time is available (the bench falls back to sampling when it is not). */
export async function hasGnuTime(): Promise<boolean> {
  return (await findExecutable(GNU_TIME)) !== undefined;
}

/** Spawn `bundle` in `ws` with `env`, measure its peak RSS, and wait for it (bounded by `timeoutMs`). */
export async function runMeasured(
  resources: Resources,
  bundle: string,
  ws: RunnerWorkspace,
  env: NodeJS.ProcessEnv,
  markers: readonly string[],
  timeoutMs: number,
): Promise<MeasuredStep> {
  const useTime = await hasGnuTime();
  const rssFile = path.join(ws.root, 'max-rss.txt');
  const started = performance.now();
  const child: ChildProcess = useTime
    ? spawn(GNU_TIME, ['-f', '%M', '-o', rssFile, actionNode(), bundle], { env, cwd: ws.workspace, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(actionNode(), [bundle], { env, cwd: ws.workspace, stdio: ['ignore', 'pipe', 'pipe'] });
  resources.adopt(child);

  let nodePid = useTime ? undefined : child.pid;
  let release: (() => void) | undefined;
  let sampledPeak = 0;
  const atMarker: Record<string, number | undefined> = Object.fromEntries(markers.map((m) => [m, undefined]));
  const atMarkerMs: Record<string, number | undefined> = Object.fromEntries(markers.map((m) => [m, undefined]));
  const seen = new Set<string>();
  const sample = (): number | undefined => {
    if (nodePid === undefined && child.pid !== undefined) {
      nodePid = childPid(child.pid);
      if (nodePid !== undefined) release = resources.adoptPid(nodePid);
    }
    const kb = nodePid === undefined ? undefined : readPeakKb(nodePid);
    if (kb !== undefined) sampledPeak = Math.max(sampledPeak, kb);
    return kb;
  };
  const sampler = setInterval(sample, SAMPLE_MS);

  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const marker of markers) {
      if (seen.has(marker) || !stdout.includes(marker)) continue;
      seen.add(marker);
      atMarkerMs[marker] = performance.now() - started;
      atMarker[marker] = sample();
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  let exitCode: number | null;
  try {
    exitCode = await withTimeout(exited, timeoutMs, 'the step', () => {
      if (nodePid !== undefined) process.kill(nodePid, 'SIGKILL');
      child.kill('SIGKILL');
    });
  } finally {
    clearInterval(sampler);
    release?.();
  }
  const wallMs = performance.now() - started;

  let peakKb = sampledPeak;
  if (useTime) {
    // time appends "Command exited with non-zero status N" before the figure when the step fails
    const lines = (await readFile(rssFile, 'utf8')).trim().split('\n');
    peakKb = Number(lines.at(-1));
    if (!Number.isFinite(peakKb) || peakKb <= 0) throw new MeasurementError(`unreadable /usr/bin/time output: ${lines.join(' | ')}`);
  } else if (peakKb === 0) {
    throw new MeasurementError('could not read VmHWM from /proc; no peak RSS');
  }
  return {
    exitCode,
    stdout: stdout + stderr,
    outputs: parseFileCommands(await readFile(ws.outputFile, 'utf8')),
    peakKb,
    source: useTime ? 'gnu-time' : 'proc-sampling',
    peakAtMarkerKb: atMarker,
    atMarkerMs,
    wallMs,
  };
}

/** The runner environment of a measured step: the emulator's URL and token, no comment, no workflow artifact, plus `extra` inputs. */
export function stepEnv(emulator: Emulator, ws: RunnerWorkspace, extra: Record<string, string>, runnerExtra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return runnerEnv(ws, { 'api-url': emulator.url, 'api-token': emulator.token, comment: 'false', 'upload-artifact': 'false', ...extra }, runnerExtra);
}

/** KiB as "12.3 MB" (MB = 2^20 bytes), or n/a. */
export function mb(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`;
}

/** The step's run id; a MeasurementError when the step did not pass. */
export function checkPassed(step: MeasuredStep, what: string): string {
  const runId = step.outputs['run-id'];
  if (step.exitCode !== 0 || !runId) {
    throw new MeasurementError(`${what}: the step should pass, exit ${step.exitCode}: ${step.stdout.slice(-600)}`);
  }
  return runId;
}

/**
 * Runs the bundle measured, uploading the folder `suites` of `ws` to an S3-storage project for a short passing run
 * without an artifact; checks the step passed and returns the upload the emulator accepted, with `entries` entries.
 */
export async function runSuitesUpload(
  { resources, emulator, mainBundle }: Bench,
  ws: RunnerWorkspace,
  markers: readonly string[],
  expect: { entries: number; timeoutMs: number; what: string },
): Promise<{ step: MeasuredStep; upload: UploadRecord }> {
  emulator.script({ ...PASSING_SCENARIO, durationMs: 300, artifact: 'none' });
  const before = emulator.uploads.length;
  const step = await runMeasured(resources, mainBundle, ws, stepEnv(emulator, ws, { 'project-id': S3_PROJECT_ID, suites: 'suites' }), markers, expect.timeoutMs);
  checkPassed(step, expect.what);
  const attempts = emulator.uploads.slice(before);
  const upload = attempts.find((u) => u.accepted);
  if (!upload) throw new MeasurementError(`the emulator accepted no upload (${attempts.length} attempts)`);
  if (upload.fileNames.length !== expect.entries) {
    throw new MeasurementError(`the uploaded zip has ${upload.fileNames.length} entries, expected ${expect.entries}`);
  }
  return { step, upload };
}
