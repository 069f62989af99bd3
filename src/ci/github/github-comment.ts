import { z } from 'zod';
import type { CommentResult } from '../../core/ci-host.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { applyRequestPolicy } from './github-request-policy.js';

/** Where to comment and with which credentials. */
export interface CommentTarget {
  token: string;
  /** `owner/repo`. */
  repository: string;
  /** Pull request number. */
  issueNumber: number;
  /** GitHub REST base URL (GITHUB_API_URL). */
  apiUrl: string;
}

/** How GitHub requests are bounded and rate limits waited out. */
export interface CommentOptions {
  /** Clock for the waits (default: the real one). */
  clock?: Clock;
  /** Told of each wait, so a minute of silence in the log has a reason. */
  info?: (message: string) => void;
  /** Time limit of each GitHub request (default: GITHUB_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

/** The login comments made with the default GITHUB_TOKEN carry. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/** GraphQL's answer to `query { viewer { login } }` (Octokit hands over its `data`). */
const viewerAnswer = z.object({ viewer: z.object({ login: z.string().min(1) }) });

/** The part of Octokit this module uses: GraphQL's `viewer` is the only identity query every kind of token may make. */
interface ViewerQuery {
  graphql: (query: string) => Promise<unknown>;
}

/**
 * The login of the token's own identity, or `undefined` when GitHub would
 * not say. REST cannot tell it for every token: `GET /user` answers 403 for a
 * GITHUB_TOKEN or an app's installation token, and `GET /app` needs the app's
 * JWT. GraphQL's `viewer` answers for all three: `github-actions[bot]`,
 * `<app-slug>[bot]`, or the person a personal access token belongs to.
 */
export async function viewerLogin(octokit: ViewerQuery): Promise<string | undefined> {
  try {
    const answer = viewerAnswer.safeParse(await octokit.graphql('query { viewer { login } }'));
    return answer.success ? answer.data.viewer.login : undefined;
  } catch {
    return undefined;
  }
}

/** A listed comment, as far as choosing ours needs it. */
interface ListedComment {
  id: number;
  body?: string | undefined;
  user?: { login?: string; type?: string } | null;
}

/**
 * Which of the comments that start with the marker is ours: the oldest one
 * the token's identity wrote. When GitHub would not name that identity, the
 * default token's bot is assumed (the usual token); another app's comment or
 * a person's is then never taken: a second comment is the lesser harm than
 * overwriting theirs.
 */
export function chooseOwnComment<C extends ListedComment>(marked: readonly C[], login: string | undefined): C | undefined {
  const byLogin = (wanted: string) => (c: C): boolean => (c.user?.login ?? '').toLowerCase() === wanted.toLowerCase();
  return marked.find(byLogin(login ?? ACTIONS_BOT_LOGIN));
}

/**
 * Create the sticky comment once, then update it in place. Ours is the
 * comment that starts with the hidden `marker` AND was written by the
 * token's identity (see {@link viewerLogin}), so a comment quoting the marker,
 * or another app's comment that happens to start with it, is never edited.
 * A comment deleted between listing and updating is written afresh; a
 * request refused for a rate limit is sent again after the wait GitHub asks
 * for, and each request has a time limit (see {@link applyRequestPolicy}).
 * `@actions/github` is imported here, on demand, to keep cold start small.
 */
export async function upsertStickyComment(target: CommentTarget, marker: string, body: string, options: CommentOptions = {}): Promise<CommentResult> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
  applyRequestPolicy(octokit, {
    clock: options.clock ?? systemClock,
    onWait: (ms) => options.info?.(`GitHub rate-limited a pull request comment request; trying again in ${Math.ceil(ms / 1000)} s.`),
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
  });
  const [owner = '', repo = ''] = target.repository.split('/');
  // Our bodies start with the marker; a comment that merely quotes it is not ours.
  // The project id is compared without case (a UUID, which earlier versions wrote as the input spelt it); the
  // filters after it are compared exactly, so matrix legs for group Smoke and group smoke keep one comment each.
  const idEnds = marker.search(/;| -->/);
  const startsWithMarker = (text: string | undefined): boolean => {
    const head = (text ?? '').slice(0, marker.length);
    return head.slice(0, idEnds).toLowerCase() === marker.slice(0, idEnds).toLowerCase() && head.slice(idEnds) === marker.slice(idEnds);
  };
  const listMarked = async () =>
    (await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: target.issueNumber, per_page: 100 })).filter((c) =>
      startsWithMarker(c.body),
    );
  const marked = await listMarked();
  // Who we are is asked only when there is something to choose from: a first run costs no extra request.
  const ours = marked.length > 0 ? chooseOwnComment(marked, await viewerLogin(octokit)) : undefined;
  if (ours) {
    try {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
      return 'updated';
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const { data: created } = await octokit.rest.issues.createComment({ owner, repo, issue_number: target.issueNumber, body });
  // Jobs that share the marker (matrix legs on one project and filters) may all have listed before any of them
  // wrote: each then created a comment, and all but the first would never be updated again. The later gives way.
  try {
    const first = chooseOwnComment(await listMarked(), created.user?.login ?? ACTIONS_BOT_LOGIN);
    if (first && first.id !== created.id) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: first.id, body });
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.id });
      return 'updated';
    }
  } catch {
    // Ours is written; a twin that could not be merged is only untidy.
  }
  return 'created';
}

/** Octokit's RequestError for a 404, checked by shape (it may come from another realm under jest). */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}
