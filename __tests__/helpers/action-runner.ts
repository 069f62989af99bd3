import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is __tests__/helpers/action-runner.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN_BUNDLE = path.join(REPO_ROOT, 'dist', 'main', 'index.js');
export const POST_BUNDLE = path.join(REPO_ROOT, 'dist', 'post', 'index.js');

/** A fake runner workspace: the files a GitHub runner provides to a step. */
export interface RunnerWorkspace {
  root: string;
  workspace: string;
  temp: string;
  outputFile: string;
  summaryFile: string;
  stateFile: string;
  eventFile: string;
}

/**
 * Create a runner-like directory layout in a new folder under `parent`.
 * `pullRequest` makes the event a `pull_request`.
 */
export async function createRunnerWorkspace(pullRequest?: number, parent = os.tmpdir()): Promise<RunnerWorkspace> {
  const root = await mkdtemp(path.join(parent, 'runner-'));
  const ws: RunnerWorkspace = {
    root,
    workspace: path.join(root, 'workspace'),
    temp: path.join(root, 'temp'),
    outputFile: path.join(root, 'github_output'),
    summaryFile: path.join(root, 'step_summary.md'),
    stateFile: path.join(root, 'github_state'),
    eventFile: path.join(root, 'event.json'),
  };
  await mkdir(ws.workspace, { recursive: true });
  await mkdir(ws.temp, { recursive: true });
  await Promise.all([writeFile(ws.outputFile, ''), writeFile(ws.summaryFile, ''), writeFile(ws.stateFile, '')]);
  const event = pullRequest ? { pull_request: { number: pullRequest }, number: pullRequest } : {};
  await writeFile(ws.eventFile, JSON.stringify(event));
  return ws;
}

/** The environment a runner gives the step: INPUT_* plus the GITHUB_* files. */
export function runnerEnv(ws: RunnerWorkspace, inputs: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws.workspace,
    RUNNER_TEMP: ws.temp,
    GITHUB_OUTPUT: ws.outputFile,
    GITHUB_STEP_SUMMARY: ws.summaryFile,
    GITHUB_STATE: ws.stateFile,
    GITHUB_EVENT_PATH: ws.eventFile,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

/** What a finished step left behind. */
export interface StepResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
}

/** Parse a GITHUB_OUTPUT / GITHUB_STATE file (`name<<delimiter` heredoc format). */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match?.[1] || !match[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? '');
    result[match[1]] = value.join('\n');
  }
  return result;
}

/** A started step: the child process and a promise of its result. */
export interface RunningStep {
  child: ChildProcess;
  /** Resolves when the process exits. */
  done: Promise<StepResult>;
  /** Resolves when stdout contains `text` (rejects if the process exits first). */
  waitForOutput(text: string): Promise<void>;
}

/**
 * The node binary that runs the bundles: `ACTION_NODE` when set, else the
 * node running the tests. `.ci/run` sets it to a Node 24, the runtime
 * action.yml declares, for a second pass of the end-to-end tests and the demo.
 */
export function actionNode(): string {
  return process.env['ACTION_NODE'] || process.execPath;
}

/** `node --version` of {@link actionNode}, e.g. `v24.21.0`. */
export function actionNodeVersion(): string {
  return execFileSync(actionNode(), ['--version'], { encoding: 'utf8' }).trim();
}

/** Spawn a bundle (main by default) as the runner would. */
export function startStep(ws: RunnerWorkspace, env: NodeJS.ProcessEnv, bundle = MAIN_BUNDLE): RunningStep {
  // A runner gives every step an output and a summary file of its own: what one step reads is its own.
  writeFileSync(ws.outputFile, '');
  writeFileSync(ws.summaryFile, '');
  const child = spawn(actionNode(), [bundle], { env, cwd: ws.workspace, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.splice(0)) {
      if (stdout.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const done = exited.then(async ({ code, signal }) => ({
    exitCode: code,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommands(await readFile(ws.outputFile, 'utf8')),
    summary: await readFile(ws.summaryFile, 'utf8'),
    state: parseFileCommands(await readFile(ws.stateFile, 'utf8')),
  }));
  const waitForOutput = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (stdout.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then(() => reject(new Error(`step exited before printing ${JSON.stringify(text)}\n${stdout}${stderr}`)));
    });
  return { child, done, waitForOutput };
}

/** Run a bundle to completion. */
export function runStep(ws: RunnerWorkspace, env: NodeJS.ProcessEnv, bundle = MAIN_BUNDLE): Promise<StepResult> {
  return startStep(ws, env, bundle).done;
}
