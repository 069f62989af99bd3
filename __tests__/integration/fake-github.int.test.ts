import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { request } from 'undici';
import { BOT_LOGIN, MAX_COMMENT_LENGTH, startFakeGitHub, type FakeGitHub } from '../emulator/fake-github.js';

const repo = { owner: 'octo-org', repo: 'octo-repo' };

describe('fake GitHub REST API', () => {
  let github: FakeGitHub;
  let octokit: ReturnType<typeof getOctokit>;
  beforeAll(async () => {
    github = await startFakeGitHub({ token: 'ghs_test' });
    octokit = getOctokit('ghs_test', { baseUrl: github.url });
  });
  afterEach(() => {
    github.forbidden = false;
    github.comments.length = 0;
  });
  afterAll(async () => {
    await github.close();
  });

  it('creates, lists and updates an issue comment through @actions/github Octokit', async () => {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'first <!-- marker -->' });
    expect(created.status).toBe(201);
    expect(created.data.user).toMatchObject({ login: BOT_LOGIN, type: 'Bot' });
    expect(created.data.html_url).toContain('/octo-org/octo-repo/issues/7#issuecomment-');

    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: 7 });
    expect(listed.data.map((c) => c.body)).toEqual(['first <!-- marker -->']);

    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'second <!-- marker -->' });
    expect(updated.status).toBe(200);
    expect(github.commentsOn(7).map((c) => c.body)).toEqual(['second <!-- marker -->']);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('paginates with Link headers that Octokit follows', async () => {
    for (let i = 1; i <= 5; i++) github.seedComment({ issue: 3, body: `comment ${i}` });
    const res = await request(`${github.url}/repos/octo-org/octo-repo/issues/3/comments?per_page=2&page=1`, { headers: { authorization: 'token ghs_test' } });
    const firstPage = (await res.body.json()) as unknown[];
    expect(firstPage).toHaveLength(2);
    expect(res.headers.link).toContain('page=2>; rel="next"');
    expect(res.headers.link).toContain('page=3>; rel="last"');

    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 3, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(['comment 1', 'comment 2', 'comment 3', 'comment 4', 'comment 5']);
    expect(github.requests.filter((r) => r.path.endsWith('/issues/3/comments')).length).toBe(4);
  });

  it('keeps seeded human comments apart from bot comments', async () => {
    const human = github.seedComment({ issue: 9, body: 'I copied <!-- marker --> here', login: 'alice' });
    expect(human.user).toMatchObject({ login: 'alice', type: 'User' });
    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: 9 });
    expect(listed.data[0]?.user).toMatchObject({ login: 'alice', type: 'User' });
  });

  it('answers writes with 403 "Resource not accessible by integration" in forbidden mode', async () => {
    const existing = github.seedComment({ issue: 4, body: 'old', login: BOT_LOGIN, type: 'Bot' });
    github.forbidden = true;
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: 'new' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    await expect(octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: 'new' })).rejects.toMatchObject({ status: 403 });
    expect((await octokit.rest.issues.listComments({ ...repo, issue_number: 4 })).data).toHaveLength(1);
    expect(github.commentsOn(4).map((c) => c.body)).toEqual(['old']);
  });

  it('refuses GET /user, missing or wrong tokens, and bodies over the size limit', async () => {
    await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    const anonymous = await request(`${github.url}/repos/octo-org/octo-repo/issues/1/comments`);
    expect(anonymous.statusCode).toBe(401);
    await anonymous.body.dump();
    const wrong = getOctokit('ghs_wrong', { baseUrl: github.url });
    await expect(wrong.rest.issues.listComments({ ...repo, issue_number: 1 })).rejects.toMatchObject({ status: 401 });
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.issues.updateComment({ ...repo, comment_id: 424242, body: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it('applies injected faults, e.g. a 502 on the first create', async () => {
    github.faults.inject({ method: 'POST', path: /\/comments$/, fault: { status: 502, body: '<html>Bad gateway</html>' } });
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'x' })).rejects.toMatchObject({ status: 502 });
    expect((await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'x' })).status).toBe(201);
  });
});
