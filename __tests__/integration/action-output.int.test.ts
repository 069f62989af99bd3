/**
 * The step's output reaches the runner through a pipe. A runner busy
 * elsewhere reads it late; whatever the step wrote before it exited, its one
 * `::error::` line included, must still arrive.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FAILING_SCENARIO, GIT_PROJECT_ID } from '../emulator/testing-studio-emulator.js';
import { MAIN_BUNDLE, POST_BUNDLE, runStep, startStep } from '../helpers/action-runner.js';
import { createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

describe("the step's output, read late by a busy runner", () => {
  it('arrives whole, its last line the error, though more than a pipe holds was written before the step ended', async () => {
    // ~300 KB of the run's own log, several times what a pipe holds (64 KiB on Linux).
    const lines = Array.from({ length: 4_000 }, (_, i) => `step ${i}: the bot answered with the expected prompt and intent`);
    world.emulator.script({ ...FAILING_SCENARIO, durationMs: 300, logSections: [{ name: 'Run Test Suites', lines }] });
    const step = startStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, comment: 'false', 'upload-artifact': 'false' }));
    // Not read for 3 s, or until the step has exited: its run is over within ~1 s, its last writes queued behind a
    // full pipe, which a step that exits at once would drop.
    step.child.stdout?.pause();
    const exited = new Promise<void>((resolve) => step.child.once('exit', () => resolve()));
    await Promise.race([exited, sleep(3_000)]);
    step.child.stdout?.resume();
    const result = await step.done;
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(lines.at(-1));
    const last = result.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^::error::.*test cases failed/);
  }, 30_000);

  it('fails with one error line, not an unhandled rejection, when a part of the bundle cannot be loaded', async () => {
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }), await entryChunkAlone(MAIN_BUNDLE));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error::Unexpected error: .*Cannot find module/m);
    expect(result.stderr).not.toMatch(/Unhandled| {4}at /);
  });

  it('warns in one line and passes, not an unhandled rejection, when a part of the clean-up bundle cannot be loaded', async () => {
    const env = world.env({ 'project-id': GIT_PROJECT_ID }, { 'STATE_run-id': '0b0c7a8e-5d0f-4c36-9b7e-3f1f1f7f2a10' });
    const result = await runStep(world.ws, env, await entryChunkAlone(POST_BUNDLE));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^::warning::Could not clean up after the main step: .*Cannot find module/m);
    expect(result.stderr).not.toMatch(/Unhandled| {4}at /);
  });
});

/** A copy of `bundle`'s entry chunk alone, without the chunks it loads on demand (as a partial checkout of dist/ leaves it). */
async function entryChunkAlone(bundle: string): Promise<string> {
  const partial = path.join(world.ws.root, `partial-${path.basename(path.dirname(bundle))}`);
  await mkdir(partial);
  await copyFile(path.join(path.dirname(bundle), 'index.js'), path.join(partial, 'index.js'));
  await copyFile(path.join(path.dirname(bundle), 'package.json'), path.join(partial, 'package.json'));
  return path.join(partial, 'index.js');
}
