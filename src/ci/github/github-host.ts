import * as core from '@actions/core';
import { z } from 'zod';
import type { CiHost } from '../../core/ci-host.js';
import { formatTimeout } from '../../core/errors.js';
import { uploadFolder } from './github-artifact.js';
import { upsertStickyComment } from './github-comment.js';
import { githubLogger } from './github-logger.js';
import { rateLimitWaitMs } from './github-request-policy.js';
import { claimResultsPath } from './results-path-claim.js';
import { isForkPullRequest, pullRequestNumber } from './pull-request-event.js';
import { RUN_STATE_KEY } from './run-state.js';
import { startNoteStore } from './start-note.js';

/** GitHub refused a comment request for the token (a 401, or a 403 that is no rate limit); says why and what to do. */
export class CommentRefusedError extends Error {
  override readonly name = 'CommentRefusedError';
}

/** The parts of Octokit's RequestError read here (checked by shape: it may come from another realm under jest). */
const refusedRequest = z.object({ status: z.number(), message: z.string(), response: z.object({ data: z.unknown() }).optional() });
/** GitHub's error body, whose `message` is Octokit's without the documentation link. */
const githubErrorBody = z.object({ message: z.string() });

/**
 * The refusal of a comment request, explained when it is about the token:
 * GitHub's own "Bad credentials" does not say which token, and "Resource not
 * accessible by integration" names neither the missing permission nor the
 * fork that withholds it. Anything else is returned as it is.
 */
export function explainCommentRefusal(error: unknown, env: NodeJS.ProcessEnv, now: number): unknown {
  const refused = refusedRequest.safeParse(error);
  if (!refused.success) return error;
  const { status, message, response } = refused.data;
  let why: string;
  if (status === 401) why = 'check github-token, which GitHub does not accept (expired or revoked?).';
  else if (status !== 403 || rateLimitWaitMs(error, now) !== undefined) return error;
  else if (isForkPullRequest(env)) {
    why = "this pull request comes from a fork, whose runs GitHub gives a read-only token whatever 'permissions:' asks for; the job summary has the report.";
  } else why = "github-token may not write to pull requests; give the job 'permissions: pull-requests: write' (a personal or app token needs that permission itself), or set comment: false.";
  const said = githubErrorBody.safeParse(response?.data).data?.message ?? message;
  return new CommentRefusedError(`GitHub answered HTTP ${status} (${said}): ${why}`, { cause: error });
}

/** A link to the workflow run, for the reports. */
export function jobUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

/** How long GitHub lets a job run on its own runners ("Usage limits": 6 hours, whatever timeout-minutes says). */
const HOSTED_JOB_LIMIT_MS = 6 * 3_600_000;

/**
 * The warning for a `timeout` a GitHub-hosted job cannot reach: GitHub
 * cancels the job at 6 h, so the step would see a cancel, not its timeout,
 * hours into the run. Said at the start rather than found out then. Silent on
 * self-hosted runners, whose jobs may run longer.
 */
export function hostedJobLimitWarning(timeoutMs: number, env: NodeJS.ProcessEnv): string | undefined {
  if (env['RUNNER_ENVIRONMENT'] !== 'github-hosted' || timeoutMs < HOSTED_JOB_LIMIT_MS) return undefined;
  return (
    `timeout is ${formatTimeout(timeoutMs)}, but GitHub-hosted runners stop a job after 6 h: the job will be cancelled first ` +
    '(the run revoked, status CANCELLED, its results not collected). Set timeout below 6h, leaving the job time to collect the results, ' +
    'or use a self-hosted runner.'
  );
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
    claimResultsPath: (dir) => claimResultsPath(env, dir),
  };
}
