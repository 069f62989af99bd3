/**
 * Events other than pull_request: the comment is written only where the
 * event names a pull request, and an event payload that is missing or not
 * JSON costs the comment, never the step.
 */
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { runStep } from '../helpers/action-runner.js';
import { PR_NUMBER, createWorld, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
beforeEach(async () => {
  world = await createWorld();
  world.emulator.script(PASSING_SCENARIO);
});
afterEach(async () => {
  await world.close();
});

describe('the step on events other than pull_request', () => {
  it('comments on pull_request_target, which runs for a pull request in the base repository', async () => {
    await writeFile(world.ws.eventFile, JSON.stringify({ action: 'synchronize', number: PR_NUMBER, pull_request: { number: PR_NUMBER } }));
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { GITHUB_EVENT_NAME: 'pull_request_target' }));
    expect(result.exitCode).toBe(0);
    expect(world.github.commentsOn(PR_NUMBER)).toHaveLength(1);
  });

  it('writes the summary only on workflow_dispatch, schedule and merge_group', async () => {
    const payloads: Record<string, unknown> = {
      workflow_dispatch: { inputs: { target: 'staging' }, ref: 'refs/heads/main' },
      schedule: { schedule: '0 3 * * *' },
      merge_group: { action: 'checks_requested', merge_group: { head_ref: `refs/heads/gh-readonly-queue/main/pr-${PR_NUMBER}-abc` } },
    };
    for (const [event, payload] of Object.entries(payloads)) {
      await writeFile(world.ws.eventFile, JSON.stringify(payload));
      const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }, { GITHUB_EVENT_NAME: event }));
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('No pull request: comment skipped.');
      expect(result.summary).toContain('passed');
    }
    expect(world.github.comments).toHaveLength(0);
  });

  it('skips the comment, and still passes, when the event payload is missing or not JSON', async () => {
    await writeFile(world.ws.eventFile, 'not json {');
    const garbled = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID }));
    const missing = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'results-path': 'second' }, { GITHUB_EVENT_PATH: '' }));
    for (const result of [garbled, missing]) {
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('No pull request: comment skipped.');
      expect(result.stdout).not.toMatch(/^::(warning|error)::/m);
    }
    expect(world.github.comments).toHaveLength(0);
  });
});
