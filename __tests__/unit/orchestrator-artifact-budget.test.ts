// runTests when the artifact's download or the workflow-artifact upload outlasts its own time budget, with every budget a thousand times shorter.
import { describe, expect, it, jest } from '@jest/globals';

jest.unstable_mockModule('../../src/core/timeout-signal.js', () => ({
  timeoutSignal: (ms: number): AbortSignal => {
    const controller = new AbortController();
    const abort = (): void => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    setTimeout(abort, Math.max(1, Math.round(ms / 1000))).unref();
    return controller.signal;
  },
}));
const { runTests } = await import('../../src/core/orchestrator.js');
const { orchestratorScene } = await import('../helpers/orchestrator-scene.js');

const scene = orchestratorScene();

describe('runTests, when the artifact download outlasts its budget', () => {
  it('keeps the verdict of a run whose results were read, with a warning saying the download was not done in time', async () => {
    scene.platform.states = ['passed'];
    // A download that never ends: it only stops when its call is aborted (the artifact's 10 minutes, 0.6 s here).
    scene.platform.downloadArtifact = (_runId, _dir, ctx) =>
      new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
    const outcome = await runTests(scene.deps(scene.settings({ timeout: '1h' })));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.host.warnings()).toContain("Could not fetch the run's artifact: not done within 10m.");
  });
});

describe('runTests, when the workflow-artifact upload outlasts its budget', () => {
  it('keeps the verdict, writes the comment and the summary, and warns that the upload was not waited for', async () => {
    scene.platform.states = ['failed'];
    // An upload that never settles and cannot be aborted, like a service call that never answers.
    scene.host.uploadArtifact = () => new Promise<string[]>(() => undefined);
    const outcome = await runTests(scene.deps(scene.settings({ timeout: '1h' })));
    expect(outcome.verdict).toBe('failed');
    expect(scene.host.outputs.status).toBe('FAILURE');
    const warning = scene.host.warnings().find((w) => w.includes('workflow artifact'));
    expect(warning).toMatch(/^Stopped waiting for the workflow artifact 'testing-studio-results-[^']+': not uploaded within 10m\.$/);
    expect(scene.host.comments).toHaveLength(1);
    expect(scene.host.summaries).toHaveLength(1);
    expect(scene.host.summaries[0]).toContain('not uploaded within 10m');
  });
});
