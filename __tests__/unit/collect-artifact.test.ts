import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/core/errors.js';
import type { RunReport } from '../../src/core/model.js';
import type { OrchestratorDeps } from '../../src/core/orchestrator.js';
import { collectArtifact } from '../../src/core/publish.js';
import { Redactor } from '../../src/core/redactor.js';
import { makeZipBuffer } from '../emulator/make-zip.js';
import { orchestratorScene } from '../helpers/orchestrator-scene.js';

const TOKEN = 'glpat-SecretToken123456';

const scene = orchestratorScene();

function deps(): OrchestratorDeps {
  const redactor = new Redactor();
  redactor.add(TOKEN);
  return { ...scene.deps(scene.settings()), redactor };
}

function report(): RunReport {
  return { platform: 'Testing Studio', target: 'My Project', targetId: 'p', runId: 'run-1', status: 'SUCCESS', verdict: 'passed', verdictReason: '', filters: {}, suites: [], cases: [], warnings: [] };
}

/** A context nothing aborts. */
const ctx = { signal: new AbortController().signal, deadline: Number.MAX_SAFE_INTEGER };

/** Serves `bytes` as the run's artifact zip; returns where it is saved. */
function serveArtifact(bytes: Buffer): string {
  const file = path.join(scene.workspace, 'testing-studio-results', 'run-1_artifacts.zip');
  scene.platform.downloadArtifact = async () => {
    await writeFile(file, bytes);
    return { path: file, bytes: bytes.length };
  };
  return file;
}

/** Makes the zip's last central directory record claim `size` uncompressed bytes, so that entry's data fails extraction. */
function understateLastEntry(zip: Buffer, size: number): Buffer {
  const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(size, central + 24);
  return zip;
}

describe('collectArtifact', () => {
  it('deletes the zip whose log held a secret before a later entry turned out corrupt, rather than keeping it to be uploaded', async () => {
    const zip = await makeZipBuffer([
      { name: 'logs/run.log', content: `Cloning https://oauth2:${TOKEN}@git.example.com/repo.git\n` },
      { name: 'results/data.csv', content: 'case,result\none,passed\ntwo,passed\n' },
    ]);
    const file = serveArtifact(understateLastEntry(zip, 1));
    const r = report();
    await collectArtifact(deps(), r, ctx, 60_000);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^Could not fetch the run's artifact: Archive entry "results\/data\.csv" is unsafe: .*corrupt.*\. "run-1_artifacts\.zip" was deleted: not all of it could be checked for secrets\.$/,
      ),
    ]);
    expect(existsSync(file)).toBe(false);
    // Nothing is left to be uploaded as the workflow artifact: the extracted files were removed with the failure.
    expect(await readdir(path.join(scene.workspace, 'testing-studio-results'))).toEqual([]);
  });

  it('deletes a zip it could not read to the end even when nothing it read held a secret (one may come after)', async () => {
    const zip = await makeZipBuffer([{ name: 'logs/run.log', content: 'test case passed\n'.repeat(6_000) }]);
    const file = serveArtifact(understateLastEntry(zip, 20_000));
    const r = report();
    await collectArtifact(deps(), r, ctx, 60_000);
    expect(r.warnings).toEqual([expect.stringMatching(/^Could not fetch the run's artifact: Archive entry "logs\/run\.log" is unsafe: .*"run-1_artifacts\.zip" was deleted/)]);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps a zip it read to the end with no secret in it', async () => {
    const file = serveArtifact(await makeZipBuffer([{ name: 'logs/run.log', content: 'test case passed\n' }]));
    const r = report();
    await collectArtifact(deps(), r, ctx, 60_000);
    expect(r.warnings).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('on a Windows runner, extracts a file whose name holds a colon under a name Windows can hold, and says so', async () => {
    serveArtifact(await makeZipBuffer([
      { name: 'logs/run-2024-01-01T10:00:00.log', content: 'log\n' },
      { name: 'results/data.csv', content: 'case,result\n' },
    ]));
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    const r = report();
    try {
      await collectArtifact(deps(), r, ctx, 60_000);
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
    expect(r.warnings).toEqual([]);
    const extracted = path.join(scene.workspace, 'testing-studio-results', 'artifacts');
    expect(existsSync(path.join(extracted, 'logs', 'run-2024-01-01T10_00_00.log'))).toBe(true);
    expect(existsSync(path.join(extracted, 'results', 'data.csv'))).toBe(true);
    expect(scene.host.lines).toContainEqual({
      level: 'info',
      text: 'Renamed 1 file whose name Windows cannot hold: "logs/run-2024-01-01T10:00:00.log" as "logs/run-2024-01-01T10_00_00.log".',
    });
  });

  it('says nothing of a zip when the download itself failed', async () => {
    scene.platform.downloadArtifact = async () => {
      throw new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1/artifacts/', 410, 'Artifact expired');
    };
    const r = report();
    await collectArtifact(deps(), r, ctx, 60_000);
    expect(r.warnings).toEqual(["Could not fetch the run's artifact: GET http://127.0.0.1:1/api/runs/run-1/artifacts/ failed with HTTP 410: Artifact expired."]);
  });

  it('turns a download that outlasts its budget into a warning saying so, not an error', async () => {
    const budget = new AbortController();
    scene.platform.downloadArtifact = async (_runId, _dir, call) => {
      budget.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      throw call.signal.reason;
    };
    const r = report();
    await collectArtifact(deps(), r, { signal: budget.signal, deadline: Date.now() }, 600_000);
    expect(r.warnings).toEqual(["Could not fetch the run's artifact: not done within 10m."]);
  });

  it('stops the extraction when the budget runs out during it, says so, and deletes the zip it could not check to the end', async () => {
    const budget = new AbortController();
    const zip = await makeZipBuffer([{ name: 'logs/run.log', content: 'test case passed\n'.repeat(6_000) }]);
    const file = path.join(scene.workspace, 'testing-studio-results', 'run-1_artifacts.zip');
    scene.platform.downloadArtifact = async () => {
      await writeFile(file, zip);
      // Runs out once the download is done, before the extraction: the extraction must stop rather than go on.
      budget.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      return { path: file, bytes: zip.length };
    };
    const r = report();
    await collectArtifact(deps(), r, { signal: budget.signal, deadline: Number.MAX_SAFE_INTEGER }, 600_000);
    expect(r.warnings).toEqual([
      "Could not fetch the run's artifact: not done within 10m. \"run-1_artifacts.zip\" was deleted: not all of it could be checked for secrets.",
    ]);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(scene.workspace, 'testing-studio-results', 'artifacts'))).toBe(false);
  });
});
