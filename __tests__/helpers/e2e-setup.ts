import { rm } from 'node:fs/promises';
import { startFakeGitHub, type FakeGitHub } from '../emulator/fake-github.js';
import { startEmulator, type Emulator } from '../emulator/testing-studio-emulator.js';
import { createRunnerWorkspace, runnerEnv, type RunnerWorkspace } from './action-runner.js';

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
export const PR_NUMBER = 7;

export async function createWorld(options: { pullRequest?: number | false } = {}): Promise<E2eWorld> {
  const emulator = await startEmulator();
  const github = await startFakeGitHub({ token: GITHUB_TOKEN });
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
