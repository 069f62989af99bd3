/**
 * The workflow-artifact upload (`upload-artifact: true`, the default), driven
 * end to end: the bundle loads `@actions/artifact` on demand and uploads
 * results-path to a fake of the Actions results service and its blob store.
 * `.ci/run` repeats this file on Node 24.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeArtifactService, runtimeToken, type FakeArtifactService } from '../emulator/fake-artifact-service.js';
import { listZipEntries } from '../emulator/make-zip.js';
import { GIT_PROJECT_ID, GIT_PROJECT_SECRET, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { runStep } from '../helpers/action-runner.js';
import { createWorld, everythingWritten, GITHUB_TOKEN, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld;
let service: FakeArtifactService;
beforeEach(async () => {
  world = await createWorld();
  service = await startFakeArtifactService();
});
afterEach(async () => {
  await Promise.all([world.close(), service.close()]);
});

describe('the workflow artifact', () => {
  it('uploads results-path as one zip: the artifact zip, its extracted files and junit.xml, finalized with size and SHA-256', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, service.runnerEnv()));
    expect(result.exitCode).toBe(0);
    const runId = result.outputs['run-id'] ?? '';
    expect(service.artifacts.map((a) => a.name)).toEqual([`testing-studio-results-${runId.slice(0, 8)}`]);
    const [artifact] = service.artifacts;
    expect(artifact?.blob?.contentType).toBe('application/zip');
    expect(artifact?.finalized).toEqual({ size: String(artifact?.blob?.size), hash: `sha256:${artifact?.blob?.sha256}` });
    const names = (await listZipEntries(artifact?.blob?.bytes ?? Buffer.alloc(0))).map((entry) => entry.name);
    expect(names).toContain('junit.xml');
    expect(names).toContain(`${runId}_artifacts.zip`);
    expect(names.filter((n) => n.startsWith('artifacts/')).length).toBeGreaterThan(0);
    expect(result.stdout).toContain(`Uploaded workflow artifact 'testing-studio-results-${runId.slice(0, 8)}'.`);
    expect(result.stdout).not.toMatch(/^::warning::/m);
    // The upload URL's signature is a credential too. @actions/artifact itself prints the service's answer,
    // URL included, as a ::debug:: line before it masks the signature (shown only with step debugging on,
    // as with actions/upload-artifact); everywhere else it must not appear.
    const written = (await everythingWritten(world, result)).replace(/^::debug::.*$/gm, '');
    for (const secret of [GIT_PROJECT_SECRET, world.emulator.token, GITHUB_TOKEN, runtimeToken(), 'fake-signature']) {
      expect(written).not.toContain(secret);
    }
  });

  it('uploads the rest when the run artifact holds names the artifact service refuses, and names what it left out', async () => {
    // A colon is common in server-made names (timestamps); @actions/artifact refuses the whole upload for one such file.
    const extraEntries = [{ name: 'logs/run-2024-01-01T10:00:00.log', content: 'log\n' }, { name: 'results/why?.txt', content: '?\n' }];
    world.emulator.script({ ...PASSING_SCENARIO, artifact: { extraEntries } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, service.runnerEnv()));
    expect(result.exitCode).toBe(0);
    const runId = result.outputs['run-id'] ?? '';
    expect(service.artifacts).toHaveLength(1);
    const names = (await listZipEntries(service.artifacts[0]?.blob?.bytes ?? Buffer.alloc(0))).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['junit.xml', `${runId}_artifacts.zip`, 'artifacts/logs/run.log']));
    expect(names.filter((n) => /[:?]/.test(n))).toEqual([]);
    expect(result.stdout).toMatch(/^::warning::Not in the workflow artifact .*artifacts\/logs\/run-2024-01-01T10:00:00\.log.*artifacts\/results\/why\?\.txt/m);
    expect(result.summary).toContain('Not in the workflow artifact');
  });

  it('uploads only its own run\'s files from a reused workspace, even when its run has no artifact', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const first = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'false' }));
    expect(first.exitCode).toBe(0);
    const results = path.join(world.ws.workspace, 'testing-studio-results');
    expect(await readdir(results)).toContain(`${first.outputs['run-id']}_artifacts.zip`);
    world.emulator.script({ ...PASSING_SCENARIO, artifact: 'none' });
    const second = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, service.runnerEnv()));
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain(`Removed 1 artifact zip(s) of earlier runs from ${results}.`);
    expect(await readdir(results)).toEqual(['junit.xml']);
    const names = (await listZipEntries(service.artifacts[0]?.blob?.bytes ?? Buffer.alloc(0))).map((entry) => entry.name);
    expect(names).toEqual(['junit.xml']);
  });

  it('turns a refused upload into a warning and keeps the verdict and outputs', async () => {
    world.emulator.script(PASSING_SCENARIO);
    service.faults.inject({ method: 'POST', path: /CreateArtifact$/, fault: { status: 403, body: { code: 'permission_denied', msg: 'no' } } });
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, service.runnerEnv()));
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('SUCCESS');
    expect(service.artifacts).toHaveLength(0);
    expect(result.stdout).toMatch(/^::warning::Could not upload the results as an artifact: .*403/m);
    expect(result.summary).toContain('Could not upload the results as an artifact');
  });

  it('says the artifact service is missing when the runner gives no runtime token, without trying', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, { ACTIONS_RESULTS_URL: service.url }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^::warning::Could not upload the results as an artifact: the workflow artifact service is not available here/m);
    expect(service.requests).toHaveLength(0);
  });

  it('says once, without trying, that GitHub Enterprise Server gets no workflow artifact from this action', async () => {
    world.emulator.script(PASSING_SCENARIO);
    const env = { ...service.runnerEnv(), GITHUB_SERVER_URL: 'https://github.acme.internal' };
    const result = await runStep(world.ws, world.env({ 'project-id': GIT_PROJECT_ID, 'upload-artifact': 'true' }, env));
    expect(result.exitCode).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/GitHub Enterprise Server\. Set upload-artifact: false/);
    expect(service.requests).toHaveLength(0);
  });
});
