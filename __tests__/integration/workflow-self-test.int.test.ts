/**
 * The `self-test` job of .github/workflows/ci.yml runs only on GitHub. This
 * runs its steps here the way a runner does, so the job cannot drift from the
 * emulator or the action: its `run:` scripts under bash as written, its
 * `uses: ./` steps as the built dist/ with INPUT_* and GITHUB_OUTPUT, and its
 * check step with the `${{ steps.… }}` values those steps produced.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cp, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { Inputs } from '../../src/core/inputs.js';
import { createRunnerWorkspace, REPO_ROOT, runnerEnv, runStep, type RunnerWorkspace, type StepResult } from '../helpers/action-runner.js';

interface WorkflowStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

interface Job {
  env: Record<string, string>;
  steps: WorkflowStep[];
}

const workflow = parse(readFileSync(path.join(REPO_ROOT, '.github', 'workflows', 'ci.yml'), 'utf8')) as { jobs: Record<string, Job> };
const job = workflow.jobs['self-test'];
if (!job) throw new Error('ci.yml has no self-test job');

/** What a `uses: ./` step left: its outcome as `steps.<id>.outcome` reads it, and its outputs. */
interface Finished {
  outcome: 'success' | 'failure';
  result: StepResult;
}

/** `${{ env.X }}` from the job's env; anything else is an expression this test does not know, so it fails. */
function withJobEnv(value: string): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const name = /^env\.(\w+)$/.exec(expression)?.[1];
    const resolved = name === undefined ? undefined : job?.env[name];
    if (resolved === undefined) throw new Error(`unknown expression in a step's inputs: ${expression}`);
    return resolved;
  });
}

/** `${{ steps.<id>.outcome }}` and `${{ steps.<id>.outputs.<name> }}` (empty when unset, as on GitHub). */
function withStepValues(value: string, finished: Map<string, Finished>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const match = /^steps\.([\w-]+)\.(outcome|outputs\.([\w-]+))$/.exec(expression);
    const step = match?.[1] === undefined ? undefined : finished.get(match[1]);
    if (!match || !step) throw new Error(`unknown expression in the check step: ${expression}`);
    return match[2] === 'outcome' ? step.outcome : (step.result.outputs[match[3] ?? ''] ?? '');
  });
}

/** A port nothing listens on now (the kernel's choice for a listener that is closed at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The job's fixed emulator ports (`--port N` in its start script), each
 * mapped to a free one here, so a busy port on this machine cannot fail the
 * test; `movePorts` rewrites a step's text with them.
 */
async function portMap(startScript: string): Promise<(text: string) => string> {
  const fixed = [...new Set([...startScript.matchAll(/--port (\d+)/g)].map((m) => m[1] ?? ''))];
  const moved = await Promise.all(fixed.map(async (port) => [port, String(await freePort())] as const));
  return (text) => moved.reduce((out, [from, to]) => out.split(`127.0.0.1:${from}`).join(`127.0.0.1:${to}`).split(`--port ${from}`).join(`--port ${to}`), text);
}

/** Runs a `run:` script as GitHub's bash shell does (`bash -eo pipefail`); its process group is `groups`' to stop. */
function runScript(ws: RunnerWorkspace, script: string, env: Record<string, string>, groups: number[]): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: ws.workspace,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...job?.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: the emulators it leaves running are stopped with it
  });
  if (child.pid !== undefined) groups.push(child.pid);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('the self-test job of .github/workflows/ci.yml', () => {
  let ws: RunnerWorkspace;
  const groups: number[] = [];
  const finished = new Map<string, Finished>();
  let check: WorkflowStep;
  let movePorts: (text: string) => string;

  beforeAll(async () => {
    ws = await createRunnerWorkspace();
    // The checkout the job works in: what its steps read from the repository. The suites are copied, not linked:
    // a suites folder that a symlink leads out of the workspace is refused, as a planted one would be.
    for (const entry of ['__tests__', 'node_modules', 'package.json']) {
      await symlink(path.join(REPO_ROOT, entry), path.join(ws.workspace, entry));
    }
    await cp(path.join(REPO_ROOT, 'examples'), path.join(ws.workspace, 'examples'), { recursive: true });
    const steps = job.steps.filter((step) => step.uses !== undefined || step.run !== undefined);
    const start = steps.find((step) => step.name === 'Start the emulators');
    const found = steps.find((step) => step.name === 'Check the verdicts and outputs');
    if (!start?.run || !found?.run) throw new Error('ci.yml self-test: the start or check step is missing');
    check = found;
    movePorts = await portMap(start.run);
    const started = await runScript(ws, movePorts(start.run), {}, groups);
    if (started.code !== 0) throw new Error(`starting the emulators failed:\n${started.output}`);
    for (const step of steps.filter((s) => s.uses === './')) {
      if (!step.id) throw new Error(`a uses: ./ step has no id: ${step.name}`);
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, movePorts(withJobEnv(String(value)))]));
      // A push, not a pull request: the comment is left out, the summary is written.
      const result = await runStep(ws, runnerEnv(ws, inputs, { GITHUB_EVENT_NAME: 'push' }));
      finished.set(step.id, { outcome: result.exitCode === 0 ? 'success' : 'failure', result });
    }
  }, 120_000);

  afterAll(async () => {
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (ws) await rm(ws.root, { recursive: true, force: true });
  });

  it("gives its uses: ./ steps only the action's inputs (GitHub would only warn about others)", () => {
    const given = job.steps.filter((step) => step.uses === './').flatMap((step) => Object.keys(step.with ?? {}));
    expect(given.length).toBeGreaterThan(0);
    for (const name of given) expect(Object.values(Inputs)).toContain(name);
  });

  it('runs a passing, a failing and a timed-out run, as the check expects', () => {
    expect(finished.get('passing')?.result.outputs['status']).toBe('SUCCESS');
    expect(finished.get('passing')?.result.summary).toContain('Testing Studio');
    expect(finished.get('failing')?.outcome).toBe('failure');
    expect(finished.get('timeout')?.result.stdout).toContain('::error::Timed out after 10s');
  });

  it("passes its check step with the outputs the action's steps produced", async () => {
    const env = Object.fromEntries(Object.entries(check.env ?? {}).map(([name, value]) => [name, withStepValues(value, finished)]));
    const { code, output } = await runScript(ws, movePorts(check.run ?? ''), env, groups);
    expect({ code, output }).toEqual({ code: 0, output: '' });
  });

  it('fails its check step when a verdict is not the expected one', async () => {
    const env = Object.fromEntries(Object.entries(check.env ?? {}).map(([name, value]) => [name, withStepValues(value, finished)]));
    const { code, output } = await runScript(ws, movePorts(check.run ?? ''), { ...env, FAILING_OUTCOME: 'success' }, groups);
    expect(code).not.toBe(0);
    expect(output).toContain("::error::failing step outcome: expected 'failure', got 'success'");
  });
});
