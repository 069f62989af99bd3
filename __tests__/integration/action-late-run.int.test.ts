import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { runStep } from '../helpers/action-runner.js';
import { createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

describe('the bundled action when Create Run meets a gateway that answers before the backend creates the run', () => {
  it('adopts the run that appears 1.5 s after an immediate 504, sending one Create Run and starting one run', async () => {
    world.emulator.script(PASSING_SCENARIO);
    world.emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusBeforeHandling: 504, handleAfterMs: 1_500 } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(0);
    expect(world.emulator.countRequests('POST', '/api/runs/')).toBe(1);
    expect(world.emulator.runs.size).toBe(1);
    expect(result.outputs['run-id']).toBe([...world.emulator.runs.keys()][0]);
    expect(result.stdout).toContain('looking again in 1.0s');
    expect(result.stdout).toContain('Adopting run');
    expect(result.state).toMatchObject({ 'run-id': '', 'start-note': '' });
  });
});
