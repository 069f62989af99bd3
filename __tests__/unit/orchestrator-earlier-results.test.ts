// An earlier run's files in results-path (a reused workspace, an earlier step with the same results-path) are
// cleared before anything else, so no path of the step uploads or leaves them as this run's.
import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HttpError, RunTimeoutError } from '../../src/core/errors.js';
import { runTests } from '../../src/core/orchestrator.js';
import { tree } from '../helpers/file-tree.js';
import { orchestratorScene } from '../helpers/orchestrator-scene.js';

const scene = orchestratorScene();

/** results-path as an earlier run left it: its extracted artifact and zip, and a file of the user's own. */
async function earlierResults(): Promise<string> {
  const results = path.join(scene.workspace, 'testing-studio-results');
  await mkdir(path.join(results, 'artifacts', 'logs'), { recursive: true });
  await writeFile(path.join(results, 'artifacts', 'logs', 'old-run.log'), 'from an earlier run');
  await writeFile(path.join(results, 'old-run_artifacts.zip'), 'PK earlier');
  await writeFile(path.join(results, 'notes.txt'), 'not ours to remove');
  return results;
}

describe("runTests and an earlier run's results in results-path", () => {
  it("uploads none of them as a timed-out run's workflow artifact", async () => {
    const results = await earlierResults();
    let uploaded: string[] = [];
    const upload = scene.host.uploadArtifact.bind(scene.host);
    scene.host.uploadArtifact = async (name, dir) => {
      uploaded = await tree(dir);
      return upload(name, dir);
    };
    scene.platform.states = ['running'];
    await expect(runTests(scene.deps(scene.settings({ timeout: '60s' })))).rejects.toBeInstanceOf(RunTimeoutError);
    expect(scene.host.uploads).toEqual([{ name: 'testing-studio-results-run-1', dir: results }]);
    expect(uploaded).toEqual(['junit.xml', 'notes.txt']);
  });

  it('leaves none of them behind when the step fails before a run exists', async () => {
    const results = await earlierResults();
    scene.platform.prepareError = new HttpError('GET', 'http://127.0.0.1:1/api/projects/p/', 401, 'Invalid token');
    await expect(runTests(scene.deps(scene.settings()))).rejects.toBe(scene.platform.prepareError);
    expect(await tree(results)).toEqual(['junit.xml', 'notes.txt']);
  });

  it('warns, and goes on with the run, when they cannot be removed', async () => {
    await earlierResults();
    scene.platform.removeEarlierArtifacts = async () => {
      throw new Error('EBUSY: resource busy or locked');
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.warnings()).toContain('Could not clear earlier results from results-path: EBUSY: resource busy or locked');
    expect(scene.host.summaries[0]).toContain('Could not clear earlier results from results-path');
  });
});
