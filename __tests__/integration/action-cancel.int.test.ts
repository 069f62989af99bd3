/**
 * A job cancelled as `concurrency: cancel-in-progress` cancels it: the runner
 * sends SIGINT, then SIGTERM ~7.5 s later, then kills the step; the post step
 * runs after it with the state the main step saved.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { POST_BUNDLE, runStep, startStep } from '../helpers/action-runner.js';
import { createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

const revokes = (): number => world.emulator.countRequests('POST', /\/revoke\/?$/);

describe('a job cancelled while its run is in progress', () => {
  it('revokes once: the post step finds nothing left to revoke and says nothing', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    await step.waitForOutput('Started run');
    step.child.kill('SIGINT');
    const main = await step.done;
    expect(main.exitCode).toBe(1);
    expect(revokes()).toBe(1);
    const post = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { 'STATE_run-id': main.state['run-id'] ?? '' }), POST_BUNDLE);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toBe('');
    expect(revokes()).toBe(1);
  });

  it('exits non-zero at once on SIGTERM while the revoke is unanswered, and the post step revokes the run it left', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    world.emulator.faults.inject({ method: 'POST', path: /\/revoke\/?$/, fault: { delayMs: 20_000 } });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    await step.waitForOutput('Started run');
    step.child.kill('SIGINT');
    for (let i = 0; i < 500 && revokes() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    step.child.kill('SIGTERM');
    const main = await step.done;
    expect(main.exitCode).toBe(1);
    const runId = main.state['run-id'] ?? '';
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const post = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { 'STATE_run-id': runId }), POST_BUNDLE);
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Revoked run ${runId}, which the main step left running.`);
    expect(world.emulator.runs.get(runId)?.revoked).toBe(true);
  });
});

describe('a job cancelled while a gateway still holds its Create Run', () => {
  it('has the post step revoke the run the backend creates seconds after the main step stopped', async () => {
    world.emulator.script({ ...PASSING_SCENARIO, neverFinishes: true });
    // The gateway answers 504 at once and hands the request on: the backend creates the run 6 s later.
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusBeforeHandling: 504, handleAfterMs: 6_000 } });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    // Cancelled while the main step waits for the run to appear.
    await step.waitForOutput('looking again in');
    step.child.kill('SIGINT');
    const main = await step.done;
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain('The clean-up step at the end of the job looks for it and revokes it');
    expect(world.emulator.runs.size).toBe(0);
    const noteFile = main.state['start-note'] ?? '';
    const post = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { 'STATE_start-note': noteFile }), POST_BUNDLE);
    expect(post.exitCode).toBe(0);
    const [run, ...others] = [...world.emulator.runs.values()];
    expect(others).toHaveLength(0);
    expect(post.stdout).toContain(`Revoked run ${run?.id}, the one new run with the main step's filters since its unanswered Create Run.`);
    expect(run?.revoked).toBe(true);
    expect(world.emulator.countRequests('POST', '/api/runs/')).toBe(1);
  }, 45_000);
});
