import * as core from '@actions/core';
import type { CiHost } from '../../core/ci-host.js';
import { uploadFolder } from './github-artifact.js';
import { upsertStickyComment } from './github-comment.js';
import { githubLogger } from './github-logger.js';
import { rateLimitWaitMs } from './github-request-policy.js';
import { isForkPullRequest, pullRequestNumber } from './pull-request-event.js';
import { RUN_STATE_KEY } from './run-state.js';
import { startNoteStore } from './start-note.js';

/** GitHub refused a comment request for want of permission (a 403 that is no rate limit); says why and what to do. */
export class CommentRefusedError extends Error {
  override readonly name = 'CommentRefusedError';
}

/**
 * The refusal of a comment request, explained when it is a 403 for want of
 * permission: GitHub's own "Resource not accessible by integration" names
 * neither the permission nor the fork that withholds it. Anything else is
 * returned as it is.
 */
export function explainCommentRefusal(error: unknown, env: NodeJS.ProcessEnv, now: number): unknown {
  const refused = error as { status?: unknown; message?: unknown; response?: { data?: { message?: unknown } } } | null;
  if (typeof refused !== 'object' || refused === null || refused.status !== 403 || rateLimitWaitMs(error, now) !== undefined) return error;
  const said = refused.response?.data?.message ?? refused.message;
  const why = isForkPullRequest(env)
    ? "this pull request comes from a fork, whose runs GitHub gives a read-only token whatever 'permissions:' asks for; the job summary has the report."
    : "github-token may not write to pull requests; give the job 'permissions: pull-requests: write' (or set comment: false).";
  return new CommentRefusedError(`GitHub answered HTTP 403 (${typeof said === 'string' ? said : 'forbidden'}): ${why}`, { cause: error });
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
      try {
        return await upsertStickyComment(
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
      } catch (error) {
        throw explainCommentRefusal(error, env, Date.now());
      }
    },
    setOutputs: (outputs) => {
      for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    },
    uploadArtifact: (name, dir) => uploadFolder(name, dir, env),
    rememberRun: (runId) => core.saveState(RUN_STATE_KEY, runId ?? ''),
    rememberStartAttempt: startNoteStore(env, (message) => githubLogger.warning(message)),
  };
}
