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
