/**
 * The action used twice in one job (two projects, or one project with two
 * groups), as the runner runs it: steps of one job share the workspace and
 * RUNNER_TEMP, which the runner empties between jobs.
 */
import { readFile, readdir, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FAILING_SCENARIO, GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { runStep } from '../helpers/action-runner.js';
import { createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

const REUSED = /^::warning::results-path 'testing-studio-results' was written by an earlier step of this job/m;

describe('two steps of the action in one job', () => {
  it("warns the second step that it replaces the first one's junit.xml and artifact when both keep the default results-path", async () => {
    world.emulator.script(PASSING_SCENARIO);
    world.emulator.script(FAILING_SCENARIO, 1);
    const first = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, group: 'billing', 'fail-on': 'never' }));
    expect(first.exitCode).toBe(0);
    expect(first.stdout).not.toMatch(/earlier step/);
    const second = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, group: 'smoke' }));
    expect(second.exitCode).toBe(0);
    // The first step's failing case is gone from the one junit.xml a later reporter step would read.
    const junit = await readFile(path.join(world.ws.workspace, 'testing-studio-results', 'junit.xml'), 'utf8');
    expect(junit).not.toContain('<failure');
    expect(second.stdout).toMatch(REUSED);
    expect(second.stdout).toMatch(/give each step its own results-path/);
    expect(second.summary).toContain('was written by an earlier step of this job');
  });

  it('does not warn, and keeps both junit.xml files, when each step has its own results-path', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const first = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, group: 'billing', 'results-path': 'results/billing' }));
    const second = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, group: 'smoke', 'results-path': 'results/smoke' }));
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(`${first.stdout}${second.stdout}`).not.toMatch(/earlier step/);
    expect(await readdir(path.join(world.ws.workspace, 'results', 'billing'))).toContain('junit.xml');
    expect(await readdir(path.join(world.ws.workspace, 'results', 'smoke'))).toContain('junit.xml');
  });

  it("does not warn a later job on a reused workspace, whose RUNNER_TEMP the runner emptied, about the earlier job's results", async () => {
    world.emulator.script(PASSING_SCENARIO);
    expect((await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }))).exitCode).toBe(0);
    await rm(world.ws.temp, { recursive: true, force: true });
    await mkdir(world.ws.temp);
    const nextJob = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    expect(nextJob.exitCode).toBe(0);
    expect(nextJob.stdout).not.toMatch(/earlier step/);
  });
});
