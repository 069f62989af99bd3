import type { CommentResult } from '../../core/ci-host.js';

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

/**
 * Create the sticky comment once, then update it in place. Ours is the
 * comment that starts with the hidden `marker` AND was written by a bot (the
 * GITHUB_TOKEN identity), so a comment quoting the marker is never edited.
 * `@actions/github` is imported here, on demand, to keep cold start small.
 */
export async function upsertStickyComment(target: CommentTarget, marker: string, body: string): Promise<CommentResult> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
  const [owner = '', repo = ''] = target.repository.split('/');
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  // Our bodies start with the marker; a comment that merely quotes it (a person's, or another bot's) is not ours.
  const ours = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').startsWith(marker));
  if (ours) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner, repo, issue_number: target.issueNumber, body });
  return 'created';
}
