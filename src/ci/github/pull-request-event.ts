/**
 * What the triggering event's payload (GITHUB_EVENT_PATH) says of a pull
 * request. Kept apart from the GitHub host, and free of `@actions/core`, so
 * the entrypoint can explain a missing api-token without loading it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A pull request's head or base: the repository it lives in (none for a head whose fork was deleted). */
const repoName = z.object({ repo: z.object({ full_name: z.string() }).nullish() }).optional();

/**
 * The parts of an event payload that name a pull request: `pull_request` for
 * the pull_request* events, and for issue_comment the `issue`, which is a pull
 * request when it carries a `pull_request` key (a comment-triggered run).
 */
const pullRequestEvent = z.object({
  pull_request: z.object({ number: z.number().int().positive(), head: repoName, base: repoName }).optional(),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.looseObject({}).optional() }).optional(),
});

/** The triggering event's payload, as far as it names a pull request; undefined when it cannot be read. */
function readPullRequestEvent(env: NodeJS.ProcessEnv): z.infer<typeof pullRequestEvent> | undefined {
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (!eventPath) return undefined;
  try {
    const event = pullRequestEvent.safeParse(JSON.parse(readFileSync(eventPath, 'utf8')));
    return event.success ? event.data : undefined;
  } catch {
    return undefined;
  }
}

/** The pull request number of the triggering event, if it is one. */
export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  const event = readPullRequestEvent(env);
  return event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
}

/**
 * Whether the job runs for a pull request event from a fork that GitHub gives
 * a read-only GITHUB_TOKEN whatever `permissions:` asks for: `pull_request`
 * and the review events, not `pull_request_target`, which runs in the base
 * repository with its permissions. A deleted fork's head has no repo: a fork too.
 */
export function isForkPullRequest(env: NodeJS.ProcessEnv): boolean {
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  if (!event.startsWith('pull_request') || event === 'pull_request_target') return false;
  const pr = readPullRequestEvent(env)?.pull_request;
  if (!pr?.base?.repo || pr.head === undefined) return false;
  return pr.head.repo?.full_name !== pr.base.repo.full_name;
}

