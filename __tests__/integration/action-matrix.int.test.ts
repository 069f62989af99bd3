/**
 * Matrix jobs on one project, run at the same time: each job has a runner
 * workspace of its own, and they share the Testing Studio server and the
 * pull request.
 */
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { createRunnerWorkspace, runStep, runnerEnv, startStep, type RunnerWorkspace } from '../helpers/action-runner.js';
import { GITHUB_TOKEN, PR_NUMBER, createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
/** The other matrix job's runner. */
let otherJob: RunnerWorkspace;
beforeEach(async () => {
  world = await createWorld();
  otherJob = await createRunnerWorkspace(PR_NUMBER);
});
afterEach(async () => {
  await world.close();
  await rm(otherJob.root, { recursive: true, force: true });
});

/** The other job's environment: same server, GitHub and pull request, its own workspace. */
function otherJobEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const { emulator, github } = world;
  return runnerEnv(
    otherJob,
    { 'api-url': emulator.url, 'api-token': emulator.token, 'github-token': GITHUB_TOKEN, 'upload-artifact': 'false', ...inputs },
    { GITHUB_API_URL: github.url },
  );
}

/**
 * Job A's Create Run fails with a 503 that created nothing; while A looks for
 * the run it may have started, job B starts its own run. Returns both steps' results.
 */
async function createRunFailsWhileAnotherJobStarts(inputsA: Record<string, string>, inputsB: Record<string, string>) {
  world.emulator.script(PASSING_SCENARIO);
  world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { status: 503 } });
  const jobA = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, ...inputsA }));
  await jobA.waitForOutput('No new run is listed yet; looking again');
  const jobB = await runStep(otherJob, otherJobEnv({ 'project-id': GIT_PROJECT_ID, ...inputsB }));
  return { a: await jobA.done, b: jobB };
}

describe('matrix jobs on one project at the same time', () => {
  it("does not claim another job's run with the same filters as its own after an ambiguous Create Run: it says what it cannot tell", async () => {
    const { a, b } = await createRunFailsWhileAnotherJobStarts({}, {});
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    // The API names no creator: A cannot tell B's run from the one its failed request might have started.
    expect(world.emulator.runs.size).toBe(1);
    expect(a.outputs['run-id']).toBe(b.outputs['run-id']);
    expect(a.stdout).not.toContain('which the failed request created');
    expect(a.stdout).toMatch(/^Adopting run \S+, the one new run with the same filters .*another job/m);
  });

  it('keeps the runs of jobs whose filters differ apart, so each follows its own', async () => {
    const { a, b } = await createRunFailsWhileAnotherJobStarts({ group: 'smoke' }, { group: 'billing' });
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(world.emulator.runs.size).toBe(2);
    expect(a.outputs['run-id']).not.toBe(b.outputs['run-id']);
    expect(a.stdout).not.toMatch(/Adopting run/);
  });
});
