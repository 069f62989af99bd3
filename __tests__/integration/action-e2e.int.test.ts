import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  FAILING_SCENARIO,
  GIT_PROJECT_ID,
  GIT_PROJECT_SECRET,
  HOSTILE_SCENARIO,
  PASSING_SCENARIO,
  S3_PROJECT_ID,
} from '../emulator/testing-studio-emulator.js';
import { commentMarker } from '../../src/report/markdown-report.js';
import { runStep } from '../helpers/action-runner.js';
import { GITHUB_TOKEN, PERSONAL_LOGIN, PERSONAL_TOKEN, PR_NUMBER, createWorld, everythingWritten, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

describe('the bundled action, driven like a runner', () => {
  it('runs a git-backed project to SUCCESS, sets outputs, writes summary, JUnit and one PR comment', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    const runId = [...world.emulator.runs.keys()][0];
    expect(world.emulator.runs.size).toBe(1);
    expect(result.outputs).toMatchObject({ 'run-id': runId, status: 'SUCCESS', failed: '0', unavailable: '0' });
    expect(Number(result.outputs['passed'])).toBeGreaterThan(0);
    expect(result.outputs['total']).toBe(result.outputs['passed']);
    expect(result.outputs['junit-path']).toBe(path.join(world.ws.workspace, 'testing-studio-results', 'junit.xml'));
    expect(await readFile(result.outputs['junit-path'] ?? '', 'utf8')).toContain('<testcase');
    expect(result.summary).toContain('Testing Studio');
    expect(result.summary).toContain(runId);
    expect(world.github.commentsOn(PR_NUMBER)).toHaveLength(1);
    expect(result.stdout).toContain('::group::');
    expect(result.state['run-id']).toBe('');
    // The project's git token came back from Get Project: it must not leak anywhere.
    const written = await everythingWritten(world, result);
    for (const secret of [GIT_PROJECT_SECRET, world.emulator.token, GITHUB_TOKEN]) expect(written).not.toContain(secret);
  });

  it('updates the same sticky comment on the next run instead of adding another, and leaves a human quoting the marker alone', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const first = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(first.exitCode).toBe(0);
    const [ours] = world.github.commentsOn(PR_NUMBER);
    const human = world.github.seedComment({ issue: PR_NUMBER, body: `quoting ${ours?.body.split('\n')[0]}`, login: 'octocat', type: 'User' });
    world.emulator.script(FAILING_SCENARIO);
    const second = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(second.exitCode).toBe(1);
    const comments = world.github.commentsOn(PR_NUMBER);
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === ours?.id)?.body).toMatch(/failed/i);
    expect(comments.find((c) => c.id === human.id)?.body).toBe(human.body);
  });

  it("updates its own comment when github-token is a personal access token, whose comments are that user's, and leaves another user's alone", async () => {
    const env = world.env({ 'project-id': GIT_PROJECT_ID, 'github-token': PERSONAL_TOKEN });
    world.emulator.script(PASSING_SCENARIO);
    expect((await runStep(world.ws, env)).exitCode).toBe(0);
    const [ours] = world.github.commentsOn(PR_NUMBER);
    expect(ours?.user).toMatchObject({ login: PERSONAL_LOGIN, type: 'User' });
    const human = world.github.seedComment({ issue: PR_NUMBER, body: ours?.body ?? '', login: 'octocat', type: 'User' });
    world.emulator.script(FAILING_SCENARIO);
    const second = await runStep(world.ws, env);
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toContain('Pull request comment updated.');
    const comments = world.github.commentsOn(PR_NUMBER);
    expect(comments.map((c) => c.id)).toEqual([ours?.id, human.id]);
    expect(comments[0]?.body).toMatch(/failed/i);
    expect(comments[1]?.body).toBe(human.body);
    expect(second.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(PERSONAL_TOKEN);
  });

  it('updates the comment an earlier run made when project-id was spelt in upper case, instead of adding a second one', async () => {
    const earlier = world.github.seedComment({
      issue: PR_NUMBER,
      body: `${commentMarker(GIT_PROJECT_ID.toUpperCase())}\n### an earlier report`,
      login: 'github-actions[bot]',
      type: 'Bot',
    });
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID.toUpperCase() }));
    expect(result.exitCode).toBe(0);
    const comments = world.github.commentsOn(PR_NUMBER);
    expect(comments.map((c) => c.id)).toEqual([earlier.id]);
    expect(comments[0]?.body.startsWith(commentMarker(GIT_PROJECT_ID))).toBe(true);
  });

  it("creates its own comment rather than taking over another bot's comment that quotes the marker", async () => {
    const quoting = world.github.seedComment({
      issue: PR_NUMBER,
      body: `> ${commentMarker(GIT_PROJECT_ID)}\n> an earlier report, quoted by a review app`,
      login: 'some-review-app[bot]',
      type: 'Bot',
    });
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    const comments = world.github.commentsOn(PR_NUMBER);
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === quoting.id)?.body).toBe(quoting.body);
    expect(comments.find((c) => c.id !== quoting.id)?.body.startsWith(commentMarker(GIT_PROJECT_ID))).toBe(true);
  });

  it('fails the step on a FAILURE run and shows the failing assertion in the summary, comment and JUnit', async () => {
    world.emulator.script(FAILING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*test cases failed/);
    expect(result.stdout).toContain('::group::Collecting results\nRead 3 test cases from 1 suite: 1 passed, 1 failed, 1 unavailable of 3.\n::endgroup::');
    expect(result.outputs['status']).toBe('FAILURE');
    expect(Number(result.outputs['failed'])).toBeGreaterThan(0);
    const failure = FAILING_SCENARIO.cases?.find((c) => c.status === 'fail')?.assertionErrors?.[0];
    expect(failure).toBeDefined();
    expect(result.summary).toContain(failure?.expected);
    expect(world.github.commentsOn(PR_NUMBER)[0]?.body).toContain(failure?.expected);
    expect(await readFile(result.outputs['junit-path'] ?? '', 'utf8')).toContain('<failure');
  });

  it('does not fail on results when fail-on is never', async () => {
    world.emulator.script(FAILING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'fail-on': 'never' }));
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('FAILURE');
  });

  it('zips a suites folder with its dotfiles and uploads it as multipart field file before the run', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const suites = path.join(world.ws.workspace, 'suites');
    await mkdir(path.join(suites, 'test_suite_1'), { recursive: true });
    await writeFile(path.join(suites, '.omilia-ci.yml'), 'suites: [test_suite_1]\n');
    await writeFile(path.join(suites, 'test_suite_1', 'scenario_1.yml'), 'name: scenario_1\n');
    const result = await runStep(world.ws, world.env({ 'project-id': S3_PROJECT_ID, suites: 'suites' }));
    expect(result.exitCode).toBe(0);
    expect(world.emulator.uploads).toHaveLength(1);
    const upload = world.emulator.uploads[0];
    expect(upload?.fieldName).toBe('file');
    // A known Content-Length (multipart framing around the zip), never chunked.
    expect(upload?.contentLength).toBeGreaterThan(upload?.bytes ?? Infinity);
    expect(upload?.accepted).toBe(true);
    expect(upload?.fileNames).toEqual(expect.arrayContaining(['.omilia-ci.yml', 'test_suite_1/scenario_1.yml']));
    // The scratch zip is removed after the upload; only the note that this job used results-path stays (the runner empties RUNNER_TEMP).
    expect((await readdir(world.ws.temp)).filter((name) => !name.startsWith('testing-studio-results-path-'))).toEqual([]);
    const uploadAt = world.emulator.requests.findIndex((r) => r.method === 'POST' && r.path.endsWith('/suites/'));
    const createAt = world.emulator.requests.findIndex((r) => r.method === 'POST' && r.path === '/api/runs/');
    expect(uploadAt).toBeGreaterThanOrEqual(0);
    expect(uploadAt).toBeLessThan(createAt);
  });

  it('refuses suites for a git-storage project before creating any run', async () => {
    await mkdir(path.join(world.ws.workspace, 'suites'));
    await writeFile(path.join(world.ws.workspace, 'suites', 'a.yml'), 'x');
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, suites: 'suites' }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*git storage/);
    expect(world.emulator.runs.size).toBe(0);
    expect(world.emulator.uploads).toHaveLength(0);
  });

  it('rejects a bad project-id and a missing api-url before any request', async () => {
    const bad = await runStep(world.ws, world.env({ 'project-id': 'not-a-uuid' }));
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/::error::Input 'project-id' is invalid: expected a project UUID/);
    const missing = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-url': '' }));
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toContain("::error::Input 'api-url' is invalid");
    expect(world.emulator.requests).toHaveLength(0);
  });

  it('says why api-token may be empty where GitHub withholds secrets: a fork pull request or a Dependabot run', async () => {
    const repo = (fullName: string): { repo: { full_name: string } } => ({ repo: { full_name: fullName } });
    await writeFile(world.ws.eventFile, JSON.stringify({ pull_request: { number: PR_NUMBER, head: repo('someone/octo-repo'), base: repo('octo-org/octo-repo') } }));
    const fork = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': '' }));
    expect(fork.exitCode).toBe(1);
    expect(fork.stdout).toMatch(/::error::Input 'api-token' is invalid: expected a value \(this input is required; .*no secrets to a run for a pull request from a fork/);
    const dependabot = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': '' }, { GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: 'dependabot[bot]' }));
    expect(dependabot.stdout).toMatch(/::error::Input 'api-token' is invalid: .*only Dependabot secrets to a run Dependabot triggered/);
    const push = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': '' }, { GITHUB_EVENT_NAME: 'push' }));
    expect(push.stdout).toMatch(/::error::Input 'api-token' is invalid: expected a value \(this input is required; .*secret is empty or not defined under that name/);
    const url = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-url': '' }, { GITHUB_EVENT_NAME: 'push' }));
    expect(url.stdout).toContain("::error::Input 'api-url' is invalid: expected a value (this input is required).");
    expect(world.emulator.requests).toHaveLength(0);
  });

  it('rejects a results-path that is a file and an api-url with a query before any request, naming each', async () => {
    await writeFile(path.join(world.ws.workspace, 'results.txt'), 'not a folder');
    const file = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'results-path': 'results.txt' }));
    expect(file.exitCode).toBe(1);
    expect(file.stdout).toMatch(/::error::Input 'results-path' is invalid: expected a folder inside the workspace; '.*results\.txt' is a file\./);
    const query = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-url': `${world.emulator.url}/?tenant=acme` }));
    expect(query.exitCode).toBe(1);
    expect(query.stdout).toContain("::error::Input 'api-url' is invalid: expected a base URL without a query string or fragment");
    expect(world.emulator.requests).toHaveLength(0);
  });

  it('fails at once on a 401 with the server detail and without the token, and says so as NOT_STARTED where people look', async () => {
    // An earlier run's green report must not stand unchanged when this run could not even start.
    world.emulator.script(PASSING_SCENARIO);
    expect((await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }))).exitCode).toBe(0);
    const requestsBefore = world.emulator.countRequests('*', /.*/);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'api-token': 'wrong-token-value' }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*HTTP 401.*Invalid token.*check api-token/);
    // `::add-mask::` is the runner's masking command (consumed, never shown); nothing else may carry the token.
    expect(result.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain('wrong-token-value');
    expect(world.emulator.countRequests('*', /.*/) - requestsBefore).toBe(1);
    expect(result.outputs).toMatchObject({ status: 'NOT_STARTED', 'results-path': path.join(world.ws.workspace, 'testing-studio-results') });
    expect(result.outputs['run-id'] ?? '').toBe('');
    expect(result.summary).toMatch(/no run was started/);
    const comments = world.github.commentsOn(PR_NUMBER);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/no run was started[\s\S]*HTTP 401/);
  });

  it('keeps one comment per group, so matrix jobs over groups of one project do not overwrite each other', async () => {
    for (const group of ['smoke', 'billing', 'smoke']) {
      world.emulator.script(group === 'billing' ? FAILING_SCENARIO : PASSING_SCENARIO);
      await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, group }));
    }
    const comments = world.github.commentsOn(PR_NUMBER);
    expect(comments.map((c) => c.body.split('\n')[0])).toEqual([
      commentMarker(GIT_PROJECT_ID, { group: 'smoke' }),
      commentMarker(GIT_PROJECT_ID, { group: 'billing' }),
    ]);
    const [, billingRun, lastSmokeRun] = [...world.emulator.runs.keys()];
    expect(comments[0]?.body).toContain(lastSmokeRun);
    expect(comments[1]?.body).toContain(billingRun);
  });

  it('neutralises hostile names and log lines in the comment, summary and job log', async () => {
    world.emulator.script(HOSTILE_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'fail-on': 'never' }));
    expect(result.exitCode).toBe(0);
    const comment = world.github.commentsOn(PR_NUMBER)[0]?.body ?? '';
    for (const text of [comment, result.summary]) {
      expect(text).not.toContain('<script');
      expect(text).not.toMatch(/@everyone/);
    }
    expect(comment.length).toBeLessThanOrEqual(65_536);
    // Remote log lines are printed only between stop-commands markers.
    const stop = /::stop-commands::(\S+)/.exec(result.stdout);
    expect(stop).not.toBeNull();
    expect(result.stdout).toContain(`::${stop?.[1]}::`);
    // The project's git token comes back in a log line and a case warning: masked for the runner, redacted everywhere else.
    expect(result.stdout).toContain(`::add-mask::${GIT_PROJECT_SECRET}`);
    const junit = await readFile(result.outputs['junit-path'] ?? '', 'utf8');
    const log = result.stdout.replace(/^::add-mask::.*$/gm, '');
    for (const text of [log, result.stderr, result.summary, comment, junit, JSON.stringify(result.outputs)]) expect(text).not.toContain(GIT_PROJECT_SECRET);
    expect(comment).toContain('leaked in a warning');
    // The run's artifact holds its log, token included: the extracted copy has it replaced, and the zip that still
    // held it is gone, so nothing in results-path (uploaded as the workflow artifact) carries it.
    const resultsDir = path.resolve(world.ws.workspace, result.outputs['results-path'] ?? '');
    const files = (await readdir(resultsDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files.map((e) => e.name)).toContain('run.log');
    expect(files.map((e) => e.name).filter((n) => n.endsWith('.zip'))).toEqual([]);
    for (const file of files) expect(await readFile(path.join(file.parentPath, file.name), 'latin1')).not.toContain(GIT_PROJECT_SECRET);
    expect(await readFile(path.join(resultsDir, 'artifacts', 'logs', 'run.log'), 'utf8')).toContain('Cloning https://oauth2:***@gitlab.omilia.com');
    expect(result.stdout).toMatch(/^::warning::The run's artifact held a secret .*"logs\/run\.log".*was deleted rather than kept or uploaded\.$/m);
  });

  it('reports a fork PR without comment permission as a warning, not a failure', async () => {
    world.github.forbidden = true;
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/::warning::Could not update the pull request comment/);
    expect(result.summary).toContain('Could not update the pull request comment');
  });

  it('comments on the pull request whose conversation triggered the run (issue_comment), and on nothing for a plain issue', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const onPr = { action: 'created', issue: { number: 31, pull_request: { url: 'https://api.github.example/repos/octo-org/octo-repo/pulls/31' } }, comment: { body: '/test' } };
    await writeFile(world.ws.eventFile, JSON.stringify(onPr));
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { GITHUB_EVENT_NAME: 'issue_comment' }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Pull request comment created.');
    expect(world.github.commentsOn(31)).toHaveLength(1);
    world.emulator.script(PASSING_SCENARIO);
    await writeFile(world.ws.eventFile, JSON.stringify({ action: 'created', issue: { number: 32 }, comment: { body: '/test' } }));
    const onIssue = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { GITHUB_EVENT_NAME: 'issue_comment' }));
    expect(onIssue.stdout).toContain('No pull request: comment skipped.');
    expect(world.github.comments).toHaveLength(1);
  });

  it('skips the comment outside pull requests and warns when the artifact service is missing', async () => {
    await world.close();
    world = await createWorld({ pullRequest: false });
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }));
    expect(result.exitCode).toBe(0);
    expect(world.github.comments).toHaveLength(0);
    expect(result.stdout).toMatch(/::warning::Could not upload the results as an artifact: the workflow artifact service is not available/);
  });
});
