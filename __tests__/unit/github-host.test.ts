import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CommentRefusedError, explainCommentRefusal, hostedJobLimitWarning } from '../../src/ci/github/github-host.js';
import { isForkPullRequest, pullRequestNumber } from '../../src/ci/github/pull-request-event.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'github-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pull request number found for an event payload as the runner writes it to GITHUB_EVENT_PATH. */
function numberFor(name: string, payload: unknown): number | undefined {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return pullRequestNumber({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file });
}

describe('the pull request a job runs for', () => {
  it('is the pull_request of pull_request, pull_request_target and review events', () => {
    for (const name of ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']) {
      expect(numberFor(name, { action: 'opened', number: 7, pull_request: { number: 7, head: { sha: 'abc' } } })).toBe(7);
    }
  });

  it('is the issue of an issue_comment event when that issue is a pull request', () => {
    const payload = { action: 'created', issue: { number: 42, pull_request: { url: 'https://api.github.com/repos/o/r/pulls/42' } }, comment: { id: 1 } };
    expect(numberFor('issue_comment', payload)).toBe(42);
  });

  it('is none for a comment on a plain issue, a push, a merge queue check or an event file that cannot be read', () => {
    expect(numberFor('issue_comment', { action: 'created', issue: { number: 43 }, comment: { id: 2 } })).toBeUndefined();
    expect(numberFor('push', { ref: 'refs/heads/main', head_commit: { id: 'abc' } })).toBeUndefined();
    expect(numberFor('merge_group', { merge_group: { head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc' } })).toBeUndefined();
    expect(pullRequestNumber({ GITHUB_EVENT_PATH: path.join(dir, 'missing.json') })).toBeUndefined();
    expect(pullRequestNumber({})).toBeUndefined();
  });
});

/** The runner environment of an event whose payload is `payload`, in a file of its own. */
function envFor(name: string, payload: unknown): NodeJS.ProcessEnv {
  const file = path.join(dir, `${name}-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file };
}

const base = { repo: { full_name: 'octo-org/octo-repo' } };
const fromFork = envFor('pull_request', { pull_request: { number: 7, head: { repo: { full_name: 'someone/octo-repo' } }, base } });
const fromBranch = envFor('pull_request', { pull_request: { number: 7, head: base, base } });

describe('a pull request from a fork', () => {
  it("is one whose head repository is not the base's, or is gone (a deleted fork), on pull_request and its review events", () => {
    expect(isForkPullRequest(fromFork)).toBe(true);
    expect(isForkPullRequest(envFor('pull_request_review', { pull_request: { number: 7, head: { repo: { full_name: 'someone/octo-repo' } }, base } }))).toBe(true);
    expect(isForkPullRequest(envFor('pull_request', { pull_request: { number: 7, head: { repo: null }, base } }))).toBe(true);
  });

  it('is not a branch of the same repository, nor a push or an event that cannot be read', () => {
    // pull_request_target runs in the base repository, with its permissions, even for a fork's pull request.
    expect(isForkPullRequest(envFor('pull_request_target', { pull_request: { number: 7, head: { repo: { full_name: 'someone/octo-repo' } }, base } }))).toBe(false);
    expect(isForkPullRequest(fromBranch)).toBe(false);
    expect(isForkPullRequest(envFor('push', { ref: 'refs/heads/main' }))).toBe(false);
    expect(isForkPullRequest({})).toBe(false);
  });
});

describe('a refused comment request', () => {
  const forbidden = { status: 403, message: 'Resource not accessible by integration - https://docs.github.com/rest', response: { data: { message: 'Resource not accessible by integration' }, headers: {} } };

  it('names the missing permission and how to grant it, with what GitHub said', () => {
    const explained = explainCommentRefusal(forbidden, fromBranch, 0);
    expect(explained).toBeInstanceOf(CommentRefusedError);
    expect((explained as Error).message).toBe(
      'GitHub answered HTTP 403 (Resource not accessible by integration): ' +
        "github-token may not write to pull requests; give the job 'permissions: pull-requests: write' (a personal or app token needs that permission itself), or set comment: false.",
    );
  });

  it("says a fork's run has a read-only token instead of asking for a permission", () => {
    expect((explainCommentRefusal(forbidden, fromFork, 0) as Error).message).toMatch(/: this pull request comes from a fork, whose runs GitHub gives a read-only token/);
  });

  it('says github-token is the token GitHub did not accept on a 401, not api-token', () => {
    const badCredentials = { status: 401, message: 'Bad credentials - https://docs.github.com/rest', response: { data: { message: 'Bad credentials' }, headers: {} } };
    expect((explainCommentRefusal(badCredentials, fromBranch, 0) as Error).message).toBe(
      'GitHub answered HTTP 401 (Bad credentials): check github-token, which GitHub does not accept (expired or revoked?).',
    );
  });

  it('leaves a rate limit, another status and a non-HTTP failure as they are', () => {
    const limited = { ...forbidden, response: { data: {}, headers: { 'retry-after': '120' } } };
    const gone = { status: 404, message: 'Not Found' };
    const network = new Error('socket hang up');
    for (const error of [limited, gone, network, undefined]) expect(explainCommentRefusal(error, fromBranch, 0)).toBe(error);
  });
});

describe('a timeout longer than a GitHub-hosted job may run', () => {
  const hours = (h: number): number => h * 3_600_000;

  it('is warned about on a GitHub-hosted runner, which cancels the job after 6 h, before the step would time out', () => {
    const warning = hostedJobLimitWarning(hours(8), { RUNNER_ENVIRONMENT: 'github-hosted' });
    expect(warning).toBe(
      'timeout is 8h, but GitHub-hosted runners stop a job after 6 h: the job will be cancelled first (the run revoked, status CANCELLED, ' +
        'its results not collected). Set timeout below 6h, leaving the job time to collect the results, or use a self-hosted runner.',
    );
    expect(hostedJobLimitWarning(hours(6), { RUNNER_ENVIRONMENT: 'github-hosted' })).toContain('timeout is 6h,');
  });

  it('is not warned about below 6 h, or on a self-hosted runner, whose jobs may run longer', () => {
    expect(hostedJobLimitWarning(hours(5.9), { RUNNER_ENVIRONMENT: 'github-hosted' })).toBeUndefined();
    expect(hostedJobLimitWarning(hours(8), { RUNNER_ENVIRONMENT: 'self-hosted' })).toBeUndefined();
    expect(hostedJobLimitWarning(hours(8), {})).toBeUndefined();
  });
});
