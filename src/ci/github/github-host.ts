import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { z } from 'zod';
import type { CiHost } from '../../core/ci-host.js';
import { uploadFolder } from './github-artifact.js';
import { upsertStickyComment } from './github-comment.js';
import { githubLogger } from './github-logger.js';
import { RUN_STATE_KEY } from './run-state.js';
import { startNoteStore } from './start-note.js';

/**
 * The parts of an event payload that name a pull request: `pull_request` for
 * the pull_request* events, and for issue_comment the `issue`, which is a pull
 * request when it carries a `pull_request` key (a comment-triggered run).
 */
const pullRequestEvent = z.object({
  pull_request: z.object({ number: z.number().int().positive() }).optional(),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.looseObject({}).optional() }).optional(),
});

/** The pull request number of the triggering event, if it is one. */
export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (!eventPath) return undefined;
  try {
    const event = pullRequestEvent.safeParse(JSON.parse(readFileSync(eventPath, 'utf8')));
    if (!event.success) return undefined;
    const { pull_request: pr, issue } = event.data;
    return pr?.number ?? (issue?.pull_request ? issue.number : undefined);
  } catch {
    return undefined;
  }
}

/** A link to the workflow run, for the reports. */
export function jobUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

/** The CiHost for GitHub Actions. */
export function createGitHubHost(options: { githubToken?: string; env: NodeJS.ProcessEnv }): CiHost {
  const { env, githubToken } = options;
  return {
    log: githubLogger,
    maskSecret: (value) => core.setSecret(value),
    writeSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    upsertComment: async (marker, markdown) => {
      const issueNumber = pullRequestNumber(env);
      if (issueNumber === undefined) return 'skipped';
      if (!githubToken) throw new Error("'github-token' is empty");
      if (!env['GITHUB_REPOSITORY']) throw new Error('GITHUB_REPOSITORY is not set');
      return upsertStickyComment(
        {
          token: githubToken,
          repository: env['GITHUB_REPOSITORY'],
          issueNumber,
          apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
        },
        marker,
        markdown,
        { info: (message) => githubLogger.info(message) },
      );
    },
    setOutputs: (outputs) => {
      for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    },
    uploadArtifact: (name, dir) => uploadFolder(name, dir, env),
    rememberRun: (runId) => core.saveState(RUN_STATE_KEY, runId ?? ''),
    rememberStartAttempt: startNoteStore(env, (message) => githubLogger.warning(message)),
  };
}
