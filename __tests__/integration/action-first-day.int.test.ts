import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { REPO_ROOT, runStep, type StepResult } from '../helpers/action-runner.js';
import { PR_NUMBER, createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

/**
 * The mistakes a team makes on its first day with the action, driven through
 * the bundle as a runner does: the one message people read has to say what to
 * fix, in the job log and where reviewers look (summary, PR comment, JUnit).
 */
let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

/** The step's one `::error::` line, without the command. */
function theError(result: StepResult): string {
  const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  return (errors[0] ?? '').slice('::error::'.length);
}

describe('the copy-paste workflow', () => {
  it("runs as written against the API reference's projects, its suites folder uploaded, once api-url and the secrets are filled in", async () => {
    const workflow = parse(await readFile(path.join(REPO_ROOT, 'examples', 'workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.includes('testing-studio-action'));
    const { 'api-url': _url, 'api-token': _token, ...inputs } = step?.with ?? {};
    const suites = path.join(world.ws.workspace, inputs['suites'] ?? '');
    await mkdir(suites, { recursive: true });
    await writeFile(path.join(suites, '.omilia-ci.yml'), 'suites: []\n');
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env(inputs));
    expect(result.stdout).not.toContain('::error::');
    expect(result.outputs['status']).toBe('SUCCESS');
    expect(world.emulator.uploads).toHaveLength(1);
  });
});

describe('a first-day mistake in the inputs', () => {
  it('is warned at the start when its timeout is longer than a GitHub-hosted job may run', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, timeout: '8h' }, { RUNNER_ENVIRONMENT: 'github-hosted' }));
    expect(result.exitCode).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::timeout is 8h'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('GitHub-hosted runners stop a job after 6 h');
  });

  it('gets the same fix in the summary, PR comment and JUnit as in the job log when api-url ends in /api', async () => {
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-url': `${world.emulator.url}/api` }));
    expect(result.exitCode).toBe(1);
    expect(theError(result)).toContain("api-url seems to end in /api: give the server's base URL");
    const comment = world.github.commentsOn(PR_NUMBER)[0]?.body ?? '';
    // Escaped for markdown ("server&#39;s base URL"), so matched on words that need no escaping.
    for (const text of [result.summary, comment]) expect(text).toMatch(/api-url seems to end in \/api: give the server.{1,6}s base URL/);
    expect(await readFile(result.outputs['junit-path'] ?? '', 'utf8')).toContain('api-url seems to end in /api');
  });

  it('gets "check api-token" in the summary and PR comment too when the token is refused', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': 'a-token-of-another-server' }));
    expect(result.exitCode).toBe(1);
    expect(theError(result)).toMatch(/HTTP 401: Invalid token \(check api-token\)$/);
    expect(result.summary).toContain('Invalid token (check api-token)');
    expect(world.github.commentsOn(PR_NUMBER)[0]?.body).toContain('Invalid token (check api-token)');
  });

  it('gets "check api-url and project-id" in the summary when the project is not found, as for another tenant\'s project', async () => {
    const result = await runStep(world.ws, world.env({ 'project-id': '11111111-2222-4333-8444-555555555555' }));
    expect(result.exitCode).toBe(1);
    expect(theError(result)).toMatch(/HTTP 404: Project not found \(check api-url and project-id\)$/);
    expect(result.summary).toContain('Project not found (check api-url and project-id)');
    expect(result.outputs['status']).toBe('NOT_STARTED');
  });
});

/** A pull_request event's payload as the runner writes it, from `headRepo` into octo-org/octo-repo. */
function pullRequestFrom(headRepo: string): string {
  const repo = (fullName: string): { repo: { full_name: string } } => ({ repo: { full_name: fullName } });
  return JSON.stringify({ action: 'opened', number: PR_NUMBER, pull_request: { number: PR_NUMBER, head: repo(headRepo), base: repo('octo-org/octo-repo') } });
}

describe('an api-token secret that is empty', () => {
  it('is said to be missing or misnamed on a pull request from a branch of the repository, where GitHub does pass secrets', async () => {
    await writeFile(world.ws.eventFile, pullRequestFrom('octo-org/octo-repo'));
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': '' }));
    expect(result.exitCode).toBe(1);
    const error = theError(result);
    expect(error).toMatch(/^Input 'api-token' is invalid: expected a value \(this input is required; .*secret .*not defined under that name/);
    expect(error).not.toMatch(/fork|Dependabot/);
    expect(world.emulator.requests).toHaveLength(0);
  });

  it("is said to be withheld on a fork's pull request, which GitHub passes no secrets", async () => {
    await writeFile(world.ws.eventFile, pullRequestFrom('contributor/octo-repo'));
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': '' }));
    expect(theError(result)).toMatch(/GitHub passes no secrets to a run for a pull request from a fork/);
    expect(theError(result)).not.toMatch(/not defined under that name/);
  });
});

describe('a pull request comment GitHub refuses', () => {
  it('says the job lacks pull-requests: write, and how to give it, when the workflow forgot the permission', async () => {
    world.github.forbidden = true;
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('SUCCESS');
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings).toEqual([
      '::warning::Could not update the pull request comment: GitHub answered HTTP 403 (Resource not accessible by integration): ' +
        "github-token may not write to pull requests; give the job 'permissions: pull-requests: write' (a personal or app token needs that permission itself), or set comment: false.",
    ]);
    expect(result.summary).toContain('pull-requests: write');
  });

  it("says a fork's pull request gets a read-only token, rather than asking for a permission the workflow cannot grant", async () => {
    world.github.forbidden = true;
    world.emulator.script(PASSING_SCENARIO);
    const fromFork = {
      action: 'opened',
      number: PR_NUMBER,
      pull_request: {
        number: PR_NUMBER,
        head: { repo: { full_name: 'contributor/octo-repo', fork: true } },
        base: { repo: { full_name: 'octo-org/octo-repo', fork: false } },
      },
    };
    await writeFile(world.ws.eventFile, JSON.stringify(fromFork));
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/HTTP 403 .*: this pull request comes from a fork, whose runs GitHub gives a read-only token whatever 'permissions:' asks for; the job summary has the report\.$/);
    expect(warnings[0]).not.toContain('give the job');
  });

  it('names github-token when GitHub does not accept it, as an expired personal access token', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'github-token': 'ghp_expiredPersonalToken' }));
    expect(result.exitCode).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings).toEqual([
      '::warning::Could not update the pull request comment: GitHub answered HTTP 401 (Bad credentials): check github-token, which GitHub does not accept (expired or revoked?).',
    ]);
  });
});
