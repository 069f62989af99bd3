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
 * comment that starts with the hidden `marker` AND was written by the
 * token's identity: a bot for the GITHUB_TOKEN (or an app's token), else the
 * user a personal access token belongs to. So a comment quoting the marker
 * is never edited, and a PAT's comment is still found on the next run.
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
  // Compared without case: a project id is a UUID, and earlier versions wrote it in the marker as the input spelt it.
  const startsWithMarker = (body: string | undefined): boolean => (body ?? '').slice(0, marker.length).toLowerCase() === marker.toLowerCase();
  const marked = comments.filter((c) => startsWithMarker(c.body));
  let ours = marked.find((c) => c.user?.type === 'Bot');
  if (!ours && marked.length > 0) {
    // Written by a person: ours only if the token is theirs (a PAT). GET /user answers 403 for a GITHUB_TOKEN, so
    // this costs one request, and only when a person's comment starts with the marker.
    const login = await octokit.rest.users.getAuthenticated().then(
      (res) => res.data.login,
      () => undefined,
    );
    ours = login === undefined ? undefined : marked.find((c) => c.user?.type !== 'Bot' && c.user?.login === login);
  }
  if (ours) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner, repo, issue_number: target.issueNumber, body });
  return 'created';
}
