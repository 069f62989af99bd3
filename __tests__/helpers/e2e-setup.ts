import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../emulator/fake-github.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/testing-studio-emulator.js';
import { createRunnerWorkspace, runnerEnv, type RunnerWorkspace, type StepResult } from './action-runner.js';

/** One emulator, one fake GitHub and one runner workspace per test. */
export interface E2eWorld {
  emulator: Emulator;
  github: FakeGitHub;
  ws: RunnerWorkspace;
  /** The runner environment for these inputs (api-url/api-token/github-token preset). */
  env(inputs: Record<string, string>, extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export const GITHUB_TOKEN = 'ghs_e2eFakeGithubToken123';
/** A personal access token the fake GitHub knows, and the user it belongs to. */
export const PERSONAL_TOKEN = 'ghp_e2eFakePersonalToken456';
export const PERSONAL_LOGIN = 'release-robot';
export const PR_NUMBER = 7;

export async function createWorld(options: { pullRequest?: number | false; emulator?: EmulatorOptions } = {}): Promise<E2eWorld> {
  const emulator = await startEmulator(options.emulator);
  const github = await startFakeGitHub({ token: GITHUB_TOKEN, userTokens: { [PERSONAL_TOKEN]: PERSONAL_LOGIN } });
  const ws = await createRunnerWorkspace(options.pullRequest === false ? undefined : (options.pullRequest ?? PR_NUMBER));
  return {
    emulator,
    github,
    ws,
    env: (inputs, extra = {}) =>
      runnerEnv(
        ws,
        { 'api-url': emulator.url, 'api-token': emulator.token, 'github-token': GITHUB_TOKEN, 'upload-artifact': 'false', ...inputs },
        { GITHUB_API_URL: github.url, ...extra },
      ),
    close: async () => {
      await Promise.all([emulator.close(), github.close()]);
      await rm(ws.root, { recursive: true, force: true });
    },
  };
}

/** Every place a secret could leak to: the log (less its mask commands), outputs, summary, comments, files in results-path. */
export async function everythingWritten(world: E2eWorld, result: StepResult): Promise<string> {
  const resultsDir = path.join(world.ws.workspace, 'testing-studio-results');
  const files = existsSync(resultsDir) ? await readdir(resultsDir, { recursive: true, withFileTypes: true }) : [];
  const texts = await Promise.all(
    files.filter((f) => f.isFile() && !f.name.endsWith('.zip')).map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')),
  );
  const log = result.stdout.replace(/^::add-mask::.*$/gm, '');
  return [log, result.stderr, JSON.stringify(result.outputs), result.summary, ...world.github.comments.map((c) => c.body), ...texts].join('\n');
}
