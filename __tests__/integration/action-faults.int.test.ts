import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { POST_BUNDLE, runStep, startStep } from '../helpers/action-runner.js';
import { PR_NUMBER, createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

const runPath = /^\/api\/runs\/[0-9a-f-]{36}\/?$/;

/** Starts the step and kills it (SIGKILL, a lost runner) once the run exists; returns the run id it saved. */
async function killAfterRunStarted(): Promise<string> {
  const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
  await step.waitForOutput('Started run');
  step.child.kill('SIGKILL');
  const runId = (await step.done).state['run-id'] ?? '';
  expect(runId).toMatch(/^[0-9a-f-]{36}$/);
  return runId;
}

/** Resolves once the emulator has received the step's Create Run, which the test's fault then holds (waits at most 10 s). */
async function createRunReceived(): Promise<void> {
  for (let i = 0; i < 1_000 && world.emulator.countRequests('POST', '/api/runs/') === 0; i++) await sleep(10);
  expect(world.emulator.countRequests('POST', '/api/runs/')).toBe(1);
}

/** Runs the post step with `runId` as the main step's saved run id. */
function runPostStep(runId: string, inputs: Record<string, string> = {}): ReturnType<typeof runStep> {
  return runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, ...inputs }, { [`STATE_run-id`]: runId }), POST_BUNDLE);
}

describe('the bundled action under faults', () => {
  it('rides out 429 with Retry-After, 503 and a reset connection while polling', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, durationMs: 1500 });
    world.emulator.faults.inject({ method: 'GET', path: runPath, fault: { status: 429, retryAfter: '1' } });
    world.emulator.faults.inject({ method: 'GET', path: runPath, times: 2, fault: { status: 503 } });
    world.emulator.faults.inject({ method: 'GET', path: runPath, fault: { reset: true } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('SUCCESS');
    expect(world.emulator.faults.pending).toBe(0);
  });

  it('adopts the run when Create Run answers 500 after creating it, so only one run exists', async () => {
    world.emulator.script(PASSING_SCENARIO);
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 500 } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(world.emulator.runs.size).toBe(1);
    expect(result.outputs['run-id']).toBe([...world.emulator.runs.keys()][0]);
    expect(result.stdout).toContain('Adopting run');
    // Once the run is known, the Create Run note is dropped: nothing is left for the post step.
    expect(result.state).toMatchObject({ 'run-id': '', 'start-note': '' });
    expect((await readdir(world.ws.temp)).filter((name) => !name.startsWith('testing-studio-results-path-'))).toEqual([]);
  });

  it('adopts the run when the connection drops after Create Run was handled', async () => {
    world.emulator.script(PASSING_SCENARIO);
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { resetAfterHandling: true } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(world.emulator.runs.size).toBe(1);
  });

  it('tries Create Run once more when a 503 created nothing', async () => {
    world.emulator.script(PASSING_SCENARIO);
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { status: 503 } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(world.emulator.runs.size).toBe(1);
    expect(world.emulator.countRequests('POST', '/api/runs/')).toBe(2);
  });

  it('times out a never-finishing run with a distinct message, revokes it and reports TIMED_OUT', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, timeout: '3s' }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::Timed out after 3s waiting for run \S+ to finish; the run was revoked/);
    expect(result.outputs['status']).toBe('TIMED_OUT');
    const run = [...world.emulator.runs.values()][0];
    expect(run?.revoked).toBe(true);
    expect(result.summary).toMatch(/timed out/i);
    // The cases it got through (two of three by then, in the emulator) are read after the revoke and reported.
    expect(result.outputs['passed']).toBe('2');
    expect(result.summary).toContain('timed out; so far 2 passed');
    expect(result.summary).toContain('scenario\\_2');
  });

  it('keeps the verdict of a run that ended when its last log fetch is still running at the deadline', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, durationMs: 1500 });
    const logsPath = /^\/api\/runs\/[0-9a-f-]{36}\/logs\/?$/;
    // The first log fetch (while polling) is prompt; the last one answers after the 4 s timeout.
    world.emulator.faults.inject({ method: 'GET', path: logsPath, fault: { delayMs: 0 } });
    world.emulator.faults.inject({ method: 'GET', path: logsPath, fault: { delayMs: 5_000 } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, timeout: '4s' }));
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('SUCCESS');
    expect([...world.emulator.runs.values()][0]?.revoked).toBe(false);
    expect(world.emulator.faults.pending).toBe(0);
  });

  it('revokes the run and exits non-zero within 5 s of SIGINT', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    await step.waitForOutput('Started run');
    const sentAt = Date.now();
    step.child.kill('SIGINT');
    const result = await step.done;
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toMatch(/::error::Cancelled while run \S+ was in progress; the run was revoked/);
    expect([...world.emulator.runs.values()][0]?.revoked).toBe(true);
  });

  it('does not say it revokes the run on SIGINT when revoke-on-cancel is false, and leaves it running', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'revoke-on-cancel': 'false' }));
    await step.waitForOutput('Started run');
    step.child.kill('SIGINT');
    const result = await step.done;
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('::warning::Received SIGINT: stopping.');
    expect(result.stdout).not.toMatch(/revoking/);
    expect(result.stdout).toMatch(/::error::Cancelled while run \S+ was in progress; the run was left running \(revoke-on-cancel is false\)\./);
    expect([...world.emulator.runs.values()][0]?.revoked).toBe(false);
  });

  it('revokes the run a Create Run still in flight at SIGINT creates, instead of leaving it unknown', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    // The server creates the run at once but answers 1.5 s later: SIGINT arrives in between.
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { delayAfterHandlingMs: 1_500 } });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    await createRunReceived();
    const sentAt = Date.now();
    step.child.kill('SIGINT');
    const result = await step.done;
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(result.exitCode).not.toBe(0);
    const [run, ...others] = [...world.emulator.runs.values()];
    expect(others).toHaveLength(0);
    expect(run?.revoked).toBe(true);
    expect(result.stdout).toContain(`::error::Cancelled while run ${run?.id} was in progress; the run was revoked.`);
    expect(result.outputs).toMatchObject({ 'run-id': run?.id, status: 'CANCELLED' });
    expect(world.emulator.countRequests('GET', runPath)).toBe(0);
  });

  it('revokes the run an ambiguous Create Run created when its answer came after the deadline', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    // Created at once, answered 503 only after the 2 s timeout: the listing (still allowed) finds it.
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 503, delayAfterHandlingMs: 2_500 } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, timeout: '2s' }));
    expect(result.exitCode).toBe(1);
    const [run, ...others] = [...world.emulator.runs.values()];
    expect(others).toHaveLength(0);
    expect(run?.revoked).toBe(true);
    expect(result.stdout).toContain(`::error::Timed out after 2s waiting for run ${run?.id} to finish; the run was revoked.`);
    expect(result.outputs).toMatchObject({ 'run-id': run?.id, status: 'TIMED_OUT' });
    expect(world.emulator.countRequests('POST', '/api/runs/')).toBe(1);
  });

  it('post step finds and revokes the run a Create Run started when its answer never came, even past the grace', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    // The server creates the run at once and holds its answer far past the 2 s grace that follows SIGINT.
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { delayAfterHandlingMs: 20_000 } });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    await createRunReceived();
    step.child.kill('SIGINT');
    const main = await step.done;
    expect(main.exitCode).not.toBe(0);
    expect(main.stdout).toContain(
      "::error::Cancelled while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
    );
    const [run, ...others] = [...world.emulator.runs.values()];
    expect(others).toHaveLength(0);
    expect(run?.revoked).toBe(false);
    expect(main.state['run-id'] ?? '').toBe('');
    const noteFile = main.state['start-note'] ?? '';
    expect(path.dirname(noteFile)).toBe(world.ws.temp);
    expect(existsSync(noteFile)).toBe(true);

    const post = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { 'STATE_start-note': noteFile }), POST_BUNDLE);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Revoked run ${run?.id}, the one new run with the main step's filters since its unanswered Create Run.`);
    expect(run?.revoked).toBe(true);
    expect(existsSync(noteFile)).toBe(false);
    expect(world.emulator.countRequests('POST', '/api/runs/')).toBe(1);
  });

  it('post step revokes nothing when the note shows the unanswered Create Run started no run', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    // SIGKILL while a Create Run the server never handles is in flight: the note is all that is left.
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { status: 503, delayMs: 20_000 } });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    await createRunReceived();
    step.child.kill('SIGKILL');
    const killed = await step.done;
    const noteFile = killed.state['start-note'] ?? '';
    expect(existsSync(noteFile)).toBe(true);
    const post = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { 'STATE_start-note': noteFile }), POST_BUNDLE);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain("No new run with the main step's filters appeared since its unanswered Create Run; nothing to revoke.");
    expect(world.emulator.runs.size).toBe(0);
    expect(world.emulator.countRequests('POST', /^\/api\/runs\/[^/]+\/revoke\/?$/)).toBe(0);
    // It looked until LATE_RUN_WINDOW_MS after Create Run was sent, once a second, as a run can appear late.
    expect(world.emulator.countRequests('GET', /\/runs\/?$/)).toBeGreaterThanOrEqual(5);
  }, 45_000);

  it('reports a timeout before any run exists with status TIMED_OUT and a summary', async () => {
    world.emulator.faults.inject({ method: 'GET', path: /^\/api\/projects\/[^/]+\/?$/, fault: { delayMs: 4_000 } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, timeout: '2s' }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('::error::Timed out after 2s before a run was started.');
    expect(result.outputs['status']).toBe('TIMED_OUT');
    expect(result.summary).toContain('before a run was started');
    expect(world.emulator.runs.size).toBe(0);
  });

  it('post step revokes a run the main step left behind, and does nothing when none was saved', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const runId = await killAfterRunStarted();
    // The suites folder may be gone by the time the post step runs: that must not stop the revoke.
    const post = await runPostStep(runId, { suites: 'deleted-since' });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Revoked run ${runId}`);
    expect(world.emulator.runs.get(runId)?.revoked).toBe(true);

    const before = world.emulator.requests.length;
    const idle = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }), POST_BUNDLE);
    expect(idle.exitCode).toBe(0);
    expect(world.emulator.requests.length).toBe(before);
  });

  it('post step leaves alone a saved run that ended after the main step was killed, and says so', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, durationMs: 1_000 });
    const runId = await killAfterRunStarted();
    // The run ends on its own, after the kill and before the post step runs.
    for (let i = 0; i < 50 && !world.emulator.runs.get(runId)?.isTerminal; i++) await sleep(100);
    expect(world.emulator.runs.get(runId)?.isTerminal).toBe(true);
    const post = await runPostStep(runId);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Run ${runId}, which the main step left unfinished, already ended SUCCESS; nothing to revoke.`);
    expect(world.emulator.countRequests('POST', /\/revoke\/?$/)).toBe(0);
    expect(world.emulator.runs.get(runId)?.revoked).toBe(false);
  });

  it('post step still revokes a saved run when reading its status hangs, within its own budget', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const runId = await killAfterRunStarted();
    world.emulator.faults.inject({ method: 'GET', path: `/api/runs/${runId}`, fault: { delayMs: 12_000 } });
    const post = await runPostStep(runId);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Revoked run ${runId}, which the main step left running.`);
    expect(world.emulator.runs.get(runId)?.revoked).toBe(true);
  });

  it('post step says the revoke got no answer within its budget when the server holds it, and still ends cleanly', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const runId = await killAfterRunStarted();
    world.emulator.faults.inject({ method: 'POST', path: /\/revoke\/?$/, fault: { delayMs: 30_000 }, times: 6 });
    const post = await runPostStep(runId);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`::warning::Could not revoke run ${runId}: no answer within 10 s`);
    expect(world.emulator.runs.get(runId)?.revoked).toBe(false);
  });

  it('stops following a run whose status can no longer be read: revokes it, reports UNKNOWN and says what became of it', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    world.emulator.faults.inject({ method: 'GET', path: /^\/api\/runs\/[^/]+\/?$/, fault: { status: 404, body: { detail: 'Run not found' } } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(1);
    const runId = result.outputs['run-id'] ?? '';
    expect(world.emulator.runs.get(runId)?.revoked).toBe(true);
    expect(result.stdout).toMatch(
      new RegExp(`::error::Stopped following run ${runId}: its status could not be read \\(GET \\S+ failed with HTTP 404: Run not found\\); the run was revoked\\.`),
    );
    expect(result.outputs).toMatchObject({ status: 'UNKNOWN', 'junit-path': expect.stringMatching(/junit\.xml$/) });
    expect(result.summary).toContain('Stopped following run');
    expect(world.github.commentsOn(PR_NUMBER)).toHaveLength(1);
    // Revoked and cleared: the post step has nothing left to do.
    expect(result.state['run-id']).toBe('');
    const before = world.emulator.requests.length;
    const post = await runPostStep(result.state['run-id'] ?? '');
    expect(post.exitCode).toBe(0);
    expect(world.emulator.requests.length).toBe(before);
  });

  it('refuses a zip-slip artifact with a warning, writes nothing outside results-path and keeps the verdict', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, artifact: 'zip-slip' });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    // The emulator's entry is ../../escaped-zip-slip.txt: from results-path/artifacts, that is the workspace itself.
    expect(result.stdout).toContain(`::warning::Could not fetch the run's artifact: Archive entry "../../escaped-zip-slip.txt" is unsafe: `);
    const outside = await readdir(world.ws.workspace);
    expect(outside.sort()).toEqual(['testing-studio-results']);
    expect(existsSync(path.join(world.ws.workspace, 'escaped-zip-slip.txt'))).toBe(false);
    // Refused as a whole: not even the archive's harmless entries are left to pass for the run's artifact.
    const extractDir = path.join(world.ws.workspace, 'testing-studio-results', 'artifacts');
    expect(existsSync(extractDir) ? await readdir(extractDir, { recursive: true }) : []).toEqual([]);
    // Nor the zip, which was not all read, so not all checked for secrets: only the JUnit report is left to upload.
    expect(await readdir(path.join(world.ws.workspace, 'testing-studio-results'))).toEqual(['junit.xml']);
  });

  it('downloads and extracts a normal artifact into results-path/artifacts', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    const extracted = await readdir(path.join(world.ws.workspace, 'testing-studio-results', 'artifacts'), { recursive: true });
    expect(extracted.length).toBeGreaterThan(0);
  });

  it('streams a large artifact to disk and extracts it intact', async () => {
    const size = 40 * 1024 * 1024;
    world.emulator.script({ ...PASSING_SCENARIO, artifact: { sizeBytes: size } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    const results = path.join(world.ws.workspace, 'testing-studio-results');
    const zip = (await readdir(results)).find((name) => name.endsWith('_artifacts.zip'));
    expect(zip).toBeDefined();
    expect((await stat(path.join(results, zip ?? ''))).size).toBeGreaterThan(size);
    expect((await stat(path.join(results, 'artifacts', 'results', 'large.bin'))).size).toBe(size);
  });
});
