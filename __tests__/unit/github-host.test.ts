import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { pullRequestNumber } from '../../src/ci/github/github-host.js';

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
