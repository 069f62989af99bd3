import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BOT_LOGIN, startFakeGitHub, type FakeGitHub } from '../emulator/fake-github.js';
import { upsertStickyComment, type CommentTarget } from '../../src/ci/github/github-comment.js';
import { FakeClock } from '../../src/core/clock.js';

const DEFAULT_TOKEN = 'ghs_defaultWorkflowToken';
const APP_TOKEN = 'ghs_appInstallationToken';
const APP_LOGIN = 'acme-ci[bot]';
const PAT = 'ghp_personalToken';
const PAT_LOGIN = 'release-robot';
const PR = 12;
const MARKER = '<!-- testing-studio-action:project=abc -->';

describe('the sticky comment against a fake GitHub', () => {
  let github: FakeGitHub;
  const target = (token: string): CommentTarget => ({ token, repository: 'octo-org/octo-repo', issueNumber: PR, apiUrl: github.url });
  const graphqlCalls = (): number => github.requests.filter((r) => r.path === '/graphql').length;

  beforeEach(async () => {
    github = await startFakeGitHub({ userTokens: { [PAT]: PAT_LOGIN }, appTokens: { [APP_TOKEN]: APP_LOGIN } });
  });
  afterEach(async () => {
    await github.close();
  });

  it('creates the comment on a first run without asking who the token is', async () => {
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nfirst`)).toBe('created');
    expect(github.commentsOn(PR)).toEqual([expect.objectContaining({ body: `${MARKER}\nfirst`, user: expect.objectContaining({ login: BOT_LOGIN }) })]);
    expect(graphqlCalls()).toBe(0);
  });

  it("leaves another app's comment that starts with the marker alone, and updates its own on the next run", async () => {
    const foreign = github.seedComment({ issue: PR, body: `${MARKER}\nanother app's text`, login: 'other-app[bot]', type: 'Bot' });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nrun 1`)).toBe('created');
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nrun 2`)).toBe('updated');
    const comments = github.commentsOn(PR);
    expect(comments.map((c) => [c.user.login, c.body])).toEqual([
      ['other-app[bot]', foreign.body],
      [BOT_LOGIN, `${MARKER}\nrun 2`],
    ]);
  });

  it("with a GitHub App's token, updates that app's comment and not the one the default token wrote", async () => {
    const byDefaultToken = github.seedComment({ issue: PR, body: `${MARKER}\nwritten with GITHUB_TOKEN`, login: BOT_LOGIN, type: 'Bot' });
    const byApp = github.seedComment({ issue: PR, body: `${MARKER}\nwritten by the app`, login: APP_LOGIN, type: 'Bot' });
    expect(await upsertStickyComment(target(APP_TOKEN), MARKER, `${MARKER}\nnew`)).toBe('updated');
    expect(github.commentsOn(PR).map((c) => [c.id, c.body])).toEqual([
      [byDefaultToken.id, byDefaultToken.body],
      [byApp.id, `${MARKER}\nnew`],
    ]);
  });

  it("with a personal access token, updates that person's comment and never another person's", async () => {
    const someoneElse = github.seedComment({ issue: PR, body: `${MARKER}\ncopied by hand`, login: 'octocat', type: 'User' });
    const own = github.seedComment({ issue: PR, body: `${MARKER}\nold`, login: PAT_LOGIN, type: 'User' });
    expect(await upsertStickyComment(target(PAT), MARKER, `${MARKER}\nnew`)).toBe('updated');
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([someoneElse.body, `${MARKER}\nnew`]);
    expect(own.body).toBe(`${MARKER}\nnew`);
  });

  it('when GitHub will not say who the token is, takes the default bot\'s comment and never a person\'s', async () => {
    github.graphqlDown = true;
    const person = github.seedComment({ issue: PR, body: `${MARKER}\na person's`, login: 'octocat', type: 'User' });
    const foreign = github.seedComment({ issue: PR, body: `${MARKER}\nanother app's`, login: 'other-app[bot]', type: 'Bot' });
    const ours = github.seedComment({ issue: PR, body: `${MARKER}\nours`, login: BOT_LOGIN, type: 'Bot' });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`)).toBe('updated');
    expect(graphqlCalls()).toBe(1);
    expect(github.commentsOn(PR).map((c) => [c.id, c.body])).toEqual([
      [person.id, person.body],
      [foreign.id, foreign.body],
      [ours.id, `${MARKER}\nnew`],
    ]);
  });

  it("when GitHub will not say who the token is, leaves another app's comment alone even when it is the only one, and writes its own", async () => {
    github.graphqlDown = true;
    const foreign = github.seedComment({ issue: PR, body: `${MARKER}\nanother app's`, login: 'other-app[bot]', type: 'Bot' });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nours`)).toBe('created');
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([foreign.body, `${MARKER}\nours`]);
  });

  it('keeps one comment per group even when two groups differ only in letter case, while the project id is read without case', async () => {
    const upper = '<!-- testing-studio-action:project=abc;group=Smoke -->';
    const lower = '<!-- testing-studio-action:project=abc;group=smoke -->';
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), upper, `${upper}\nSmoke`)).toBe('created');
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), lower, `${lower}\nsmoke`)).toBe('created');
    const sameIdOtherCase = '<!-- testing-studio-action:project=ABC;group=smoke -->';
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), sameIdOtherCase, `${sameIdOtherCase}\nsmoke again`)).toBe('updated');
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([`${upper}\nSmoke`, `${sameIdOtherCase}\nsmoke again`]);
  });

  it('takes only a comment that starts with the marker, not one of its own that quotes it further down', async () => {
    const quoting = github.seedComment({ issue: PR, body: `Another report, quoting:\n${MARKER}`, login: BOT_LOGIN, type: 'Bot' });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`)).toBe('created');
    expect(github.commentsOn(PR).map((c) => [c.id, c.body])).toEqual([
      [quoting.id, quoting.body],
      [expect.any(Number), `${MARKER}\nnew`],
    ]);
  });

  it('updates a comment whose marker spells the project id in another case, as earlier versions wrote it', async () => {
    const upper = MARKER.replace('project=abc', 'project=ABC');
    const ours = github.seedComment({ issue: PR, body: `${upper}\nold`, login: BOT_LOGIN, type: 'Bot' });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`)).toBe('updated');
    expect(github.commentsOn(PR).map((c) => [c.id, c.body])).toEqual([[ours.id, `${MARKER}\nnew`]]);
  });

  it("when GitHub will not say who the token is and no bot wrote the marker, writes a new comment rather than take a person's", async () => {
    github.graphqlDown = true;
    const person = github.seedComment({ issue: PR, body: `${MARKER}\na person's`, login: 'octocat', type: 'User' });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`)).toBe('created');
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([person.body, `${MARKER}\nnew`]);
  });

  it('writes the comment afresh when it was deleted between listing and updating', async () => {
    const ours = github.seedComment({ issue: PR, body: `${MARKER}\nold`, login: BOT_LOGIN, type: 'Bot' });
    // The update is held until the comment is gone, so GitHub answers it 404 as it would.
    github.faults.inject({ method: 'PATCH', path: `/repos/octo-org/octo-repo/issues/comments/${ours.id}`, fault: { delayMs: 300 } });
    const upsert = upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`);
    for (let i = 0; i < 500 && !github.requests.some((r) => r.method === 'PATCH'); i++) await sleep(10);
    github.comments.splice(github.comments.indexOf(ours), 1);
    expect(await upsert).toBe('created');
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([`${MARKER}\nnew`]);
    expect(github.faults.pending).toBe(0);
  });

  it('keeps one comment when two jobs sharing the marker both found none and both wrote one: the later gives way to the first', async () => {
    // Both listings are answered only after both were sent, so each job sees no comment and creates one.
    github.faults.inject({ method: 'GET', path: /\/comments$/, times: 2, fault: { delayMs: 300 } });
    const results = await Promise.all([
      upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nleg 1`),
      upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nleg 2`),
    ]);
    expect(github.faults.pending).toBe(0);
    expect(results.sort()).toEqual(['created', 'updated']);
    const [only, ...others] = github.commentsOn(PR);
    expect(others).toEqual([]);
    expect([`${MARKER}\nleg 1`, `${MARKER}\nleg 2`]).toContain(only?.body);
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnext push`)).toBe('updated');
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([`${MARKER}\nnext push`]);
  });

  it('still fails when an update is refused for another reason, so the caller can warn', async () => {
    github.seedComment({ issue: PR, body: `${MARKER}\nold`, login: BOT_LOGIN, type: 'Bot' });
    github.forbidden = true;
    await expect(upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`)).rejects.toMatchObject({ status: 403 });
    expect(github.commentsOn(PR)).toHaveLength(1);
  });

  it('on GitHub Enterprise Server, asks who the token is at /api/graphql and updates that user\'s comment found on a later page', async () => {
    const ghes = await startFakeGitHub({ enterprise: true, userTokens: { [PAT]: PAT_LOGIN } });
    try {
      for (let i = 0; i < 230; i++) ghes.seedComment({ issue: PR, body: i === 215 ? `${MARKER}\nold` : `comment ${i}`, login: i === 215 ? PAT_LOGIN : 'octocat' });
      const ghesTarget = { ...target(PAT), apiUrl: ghes.url };
      expect(ghesTarget.apiUrl).toMatch(/\/api\/v3$/);
      expect(await upsertStickyComment(ghesTarget, MARKER, `${MARKER}\nnew`)).toBe('updated');
      expect(ghes.commentsOn(PR)[215]?.body).toBe(`${MARKER}\nnew`);
      expect(ghes.commentsOn(PR)).toHaveLength(230);
      expect(ghes.requests.filter((r) => r.path === '/api/graphql')).toHaveLength(1);
    } finally {
      await ghes.close();
    }
  });

  it('waits out a secondary rate limit on create for as long as Retry-After asks, then writes the comment once', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const secondary = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
    github.faults.inject({ method: 'POST', path: /\/comments$/, fault: { status: 403, retryAfter: '20', body: secondary } });
    github.faults.inject({ method: 'POST', path: /\/comments$/, fault: { status: 429, retryAfter: '5', body: secondary } });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock })).toBe('created');
    expect(clock.sleeps).toEqual([20_000, 5_000]);
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([`${MARKER}\nnew`]);
  });

  it('waits a minute on an update refused for a secondary rate limit without Retry-After, and until the reset when none are left', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const ours = github.seedComment({ issue: PR, body: `${MARKER}\nold`, login: BOT_LOGIN, type: 'Bot' });
    const path = `/repos/octo-org/octo-repo/issues/comments/${ours.id}`;
    github.faults.inject({ method: 'PATCH', path, fault: { status: 403, body: { message: 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation.' } } });
    const reset = String(Math.floor(clock.now() / 1000) + 60 + 30);
    github.faults.inject({ method: 'PATCH', path, fault: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded for installation ID 1.' } } });
    expect(await upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock })).toBe('updated');
    expect(clock.sleeps).toEqual([60_000, 30_000]);
    expect(ours.body).toBe(`${MARKER}\nnew`);
  });

  it('gives up at once on a plain permission 403 and on a rate limit that would outlast the step, so the caller can warn', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    github.forbidden = true;
    await expect(upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock })).rejects.toMatchObject({ status: 403 });
    github.forbidden = false;
    const reset = String(Math.floor(clock.now() / 1000) + 45 * 60);
    github.faults.inject({ method: 'POST', path: /\/comments$/, fault: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded' } } });
    await expect(upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock })).rejects.toMatchObject({ status: 403 });
    expect(clock.sleeps).toEqual([]);
    expect(github.commentsOn(PR)).toEqual([]);
  });

  it('stops waiting once two minutes in all have gone to rate limits, however they are spread over the requests', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    github.seedComment({ issue: PR, body: `${MARKER}\nold`, login: BOT_LOGIN, type: 'Bot' });
    const limited = { status: 429, retryAfter: '50', body: { message: 'secondary rate limit' } };
    github.faults.inject({ method: 'GET', path: /\/comments$/, fault: limited });
    github.faults.inject({ path: '/graphql', fault: limited });
    github.faults.inject({ method: 'PATCH', path: /\/comments\/\d+$/, fault: limited });
    await expect(upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock })).rejects.toMatchObject({ status: 429 });
    expect(clock.sleeps).toEqual([50_000, 50_000]);
    expect(github.commentsOn(PR).map((c) => c.body)).toEqual([`${MARKER}\nold`]);
  });

  it('gives up on a GitHub request that does not answer within the time limit, without sending it again, so the caller can warn', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    github.faults.inject({ method: 'GET', path: /\/comments$/, fault: { delayMs: 30_000 } });
    await expect(upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock, requestTimeoutMs: 200 })).rejects.toThrow(/^GitHub did not answer GET .*\/comments.* within 0.2 s$/);
    expect(github.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'))).toHaveLength(1);
    expect(github.commentsOn(PR)).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops after three rate-limited attempts of the same request', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    github.faults.inject({ method: 'POST', path: /\/comments$/, times: 3, fault: { status: 429, retryAfter: '1', body: { message: 'secondary rate limit' } } });
    await expect(upsertStickyComment(target(DEFAULT_TOKEN), MARKER, `${MARKER}\nnew`, { clock })).rejects.toMatchObject({ status: 429 });
    expect(clock.sleeps).toEqual([1_000, 1_000]);
    expect(github.faults.pending).toBe(0);
  });
});
