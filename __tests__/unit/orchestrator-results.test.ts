// runTests once the run has ended: collecting its results and artifact, and publishing the reports, redacted and inside the workspace.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { HttpError, NetworkError, ResponseShapeError, ResultsUnavailableError, RunCancelledError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/provider.js';
import { runTests } from '../../src/core/orchestrator.js';
import { Redactor } from '../../src/core/redactor.js';
import { redactingHost } from '../../src/core/safe-host.js';
import { writeZipFile } from '../emulator/make-zip.js';
import { orchestratorScene } from '../helpers/orchestrator-scene.js';
import { commentMarker } from '../../src/report/markdown-report.js';

const scene = orchestratorScene();

describe('runTests', () => {
  it('turns a comment failure into a warning shown in the summary without changing the verdict', async () => {
    scene.platform.states = ['passed'];
    scene.host.commentError = new Error('HTTP 403 Resource not accessible by integration');
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.warnings().join('\n')).toContain('Resource not accessible by integration');
    expect(scene.host.summaries[0]).toContain('Resource not accessible by integration');
  });

  it('sets the final status and writes the summary when the results of an ended run cannot be read', async () => {
    scene.platform.states = ['passed'];
    scene.platform.resultsError = new HttpError('GET', 'http://x/api/runs/run-1/stats/', 500, 'boom');
    const error = await runTests(scene.deps(scene.settings())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultsUnavailableError);
    expect((error as Error).message).toMatch(/^Run run-1 ended SUCCESS, but its results could not be collected: GET .* 500: boom$/);
    expect(scene.host.outputs).toMatchObject({ status: 'SUCCESS', 'run-id': 'run-1' });
    expect(scene.host.summaries[0]).toContain('could not be collected');
  });

  it('says the run had ended when the job is cancelled while results are collected', async () => {
    const controller = new AbortController();
    scene.platform.states = ['passed'];
    scene.platform.resultsError = new Error('aborted');
    scene.platform.onGetRun = () => undefined;
    const collecting = scene.platform.getResults.bind(scene.platform);
    scene.platform.getResults = async () => {
      controller.abort(new Error('received SIGINT'));
      return collecting();
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled after run run-1 ended SUCCESS, before its results were collected.');
    expect(scene.platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(scene.host.outputs.status).toBe('SUCCESS');
  });

  it('reports the duration the platform states when the run has no timestamps, rather than its own clock', async () => {
    scene.platform.states = ['passed'];
    const getRun = scene.platform.getRun.bind(scene.platform);
    scene.platform.getRun = async (runId, ctx) => ({ ...(await getRun(runId, ctx)), durationSeconds: 42.4 });
    await runTests(scene.deps(scene.settings()));
    expect(scene.host.outputs['duration-seconds']).toBe('42');
  });

  it("shows the platform's warnings about its results in the log, the summary and the comment", async () => {
    scene.platform.states = ['passed'];
    const warning = "The run's stats count 5 failed and 0 unavailable, but its test cases list 2 failed and 0 unavailable; the cases listed below are only those the run's test cases name.";
    const getResults = scene.platform.getResults.bind(scene.platform);
    scene.platform.getResults = async () => ({ ...(await getResults()), warnings: [warning] });
    await runTests(scene.deps(scene.settings()));
    expect(scene.host.warnings()).toContain(warning);
    // Escaped as every server-derived text is, so compared by its words.
    const words = /stats count 5 failed.*test cases list 2 failed/;
    expect(scene.host.summaries[0]?.replace(/\\/g, '')).toMatch(words);
    expect(scene.host.comments[0]?.body.replace(/\\/g, '')).toMatch(words);
  });

  it('reports the same duration in the output and the summary when the run has no timestamps and collecting takes time', async () => {
    scene.platform.states = ['running', 'passed'];
    const getResults = scene.platform.getResults.bind(scene.platform);
    scene.platform.getResults = async () => {
      // Reading the results takes a minute and a half on our own clock, which then times the run.
      scene.clock.advance(90_000);
      return getResults();
    };
    await runTests(scene.deps(scene.settings()));
    const seconds = Number(scene.host.outputs['duration-seconds']);
    expect(seconds).toBeLessThan(60);
    const row = /\| Duration \| ([^|]+) \|/.exec(scene.host.summaries[0] ?? '')?.[1]?.trim();
    expect(row).toBe(`${seconds}s`);
  });

  it('keeps one comment per description filter too, as it chooses the cases that run like group and utterance do', async () => {
    scene.platform.states = ['passed'];
    const settings = scene.settings({ group: 'smoke', description: 'greeting' });
    await runTests(scene.deps(settings));
    expect(scene.host.comments[0]?.marker).toBe(commentMarker(settings.projectId, { group: 'smoke', description: 'greeting' }));
  });

  it('turns a JUnit file that cannot be written into a warning, keeping the verdict', async () => {
    scene.platform.states = ['passed'];
    await mkdir(path.join(scene.workspace, 'testing-studio-results', 'junit.xml'), { recursive: true });
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.warnings()).toContainEqual(expect.stringContaining('Could not write the JUnit report'));
    expect(scene.host.outputs['junit-path']).toBeUndefined();
  });

  it('redacts secrets from the summary, comment and JUnit before escaping can disguise them', async () => {
    const secret = 'ghp_Abc123_def456_SECRET';
    const redactor = new Redactor();
    redactor.add(secret);
    scene.platform.states = ['failed'];
    scene.platform.results = {
      counts: { passed: 0, failed: 1, unavailable: 0, total: 1 },
      suites: [`suite https://x:${secret}@git.example`],
      cases: [
        {
          id: 'c1',
          name: `clone with ${secret}`.repeat(30),
          status: 'failed',
          vendorStatus: 'fail',
          failures: [{ assertion: 'prompt', expected: secret, found: `*${secret}*` }],
          errors: [],
          warnings: [],
        },
      ],
    };
    await runTests({ ...scene.deps(scene.settings()), redactor });
    const junit = await readFile(path.join(scene.workspace, 'testing-studio-results', 'junit.xml'), 'utf8');
    for (const text of [scene.host.summaries[0] ?? '', scene.host.comments[0]?.body ?? '', junit]) {
      // `***` in the XML, `\*\*\*` once escaped as markdown.
      expect(text).toMatch(/\*\*\*|\\\*\\\*\\\*/);
      expect(text).not.toContain('Abc123');
    }
  });

  it('writes nothing outside the workspace when results-path turns into a symlink leading out after the inputs were checked', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'outside-'));
    try {
      // Settings refuse such a path up front (settings.test.ts); this is the disk changing during the run.
      const checked = scene.settings();
      await symlink(outside, path.join(scene.workspace, 'testing-studio-results'));
      scene.platform.states = ['passed'];
      const outcome = await runTests(scene.deps(checked));
      expect(outcome.verdict).toBe('passed');
      expect(await readdir(outside)).toEqual([]);
      expect(scene.host.warnings().join('\n')).toMatch(/results-path.*symlink/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('creates nothing outside the workspace when a parent of results-path turns into a symlink after the inputs were checked', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'outside-'));
    try {
      const checked = scene.settings({ 'results-path': 'out/results' });
      await symlink(outside, path.join(scene.workspace, 'out'));
      scene.platform.states = ['passed'];
      const outcome = await runTests(scene.deps(checked));
      expect(outcome.verdict).toBe('passed');
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('creates the folder a results-path symlink (or a chain of them) names when it does not exist yet', async () => {
    await symlink(path.join('build', 'results'), path.join(scene.workspace, 'first-link'));
    await symlink('first-link', path.join(scene.workspace, 'testing-studio-results'));
    scene.platform.states = ['passed'];
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.warnings()).toEqual(['The run has no artifact to download.']);
    expect(await readdir(path.join(scene.workspace, 'build', 'results'))).toEqual(['junit.xml']);
    expect(scene.host.outputs['junit-path']).toBe(path.join(scene.workspace, 'testing-studio-results', 'junit.xml'));
  });

  it("clears an earlier run's extracted artifact when this run has none, so the results uploaded are this run's only", async () => {
    const stale = path.join(scene.workspace, 'testing-studio-results', 'artifacts', 'results');
    await mkdir(stale, { recursive: true });
    await writeFile(path.join(stale, 'summary.json'), '{"runId":"an-earlier-run"}');
    scene.platform.states = ['passed'];
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.warnings()).toContain('The run has no artifact to download.');
    expect(await readdir(path.join(scene.workspace, 'testing-studio-results'))).toEqual(['junit.xml']);
  });

  it("clears an earlier run's extracted artifact when this run's download fails", async () => {
    await mkdir(path.join(scene.workspace, 'testing-studio-results', 'artifacts'), { recursive: true });
    await writeFile(path.join(scene.workspace, 'testing-studio-results', 'artifacts', 'old.log'), 'earlier run');
    scene.platform.states = ['passed'];
    scene.platform.downloadArtifact = async () => {
      throw new NetworkError('GET', 'http://x/api/runs/run-1/artifacts/', 'ECONNRESET', true);
    };
    await runTests(scene.deps(scene.settings()));
    expect(scene.host.warnings()).toContainEqual(expect.stringMatching(/^Could not fetch the run's artifact: /));
    expect(await readdir(path.join(scene.workspace, 'testing-studio-results'))).toEqual(['junit.xml']);
  });

  it('warns which files the workflow artifact left out, naming the first ten and counting the rest', async () => {
    scene.platform.states = ['passed'];
    scene.host.artifactLeftOut = Array.from({ length: 12 }, (_, i) => `artifacts/log-10:0${i}.txt`);
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    const warning = scene.host.warnings().find((w) => w.startsWith('Not in the workflow artifact'));
    expect(warning).toContain('"artifacts/log-10:09.txt" and 2 more.');
    expect(warning).not.toContain('log-10:010');
  });

  it('turns an artifact over the download limit into a warning, keeping the verdict', async () => {
    scene.platform.states = ['passed'];
    scene.platform.downloadArtifact = async () => {
      throw new ResponseShapeError('http://x/api/runs/run-1/artifacts/', 'body is larger than the download limit of 2 GiB (2147483648 bytes); it was not saved');
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.warnings()).toContainEqual(expect.stringMatching(/^Could not fetch the run's artifact: .*download limit of 2 GiB/));
  });

  /** A run that passes, and a cancel (SIGINT) that comes while its artifact is downloaded; returns the step's controller. */
  const cancelDuringDownload = (): AbortController => {
    const controller = new AbortController();
    scene.platform.states = ['passed'];
    scene.platform.downloadArtifact = async (_runId: string, _dir: string, ctx: CallContext) => {
      controller.abort(new Error('received SIGINT'));
      throw ctx.signal.reason;
    };
    return controller;
  };

  it('reports a cancel during the artifact download as a stop after the run ended, with the results it has', async () => {
    const controller = cancelDuringDownload();
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    // The results were read, so the error says so, with their verdict, rather than "before its results were collected".
    expect((error as Error).message).toBe('Cancelled while fetching the artifact of run run-1, which ended SUCCESS: 2 of 2 test cases passed.');
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.host.summaries[0]).toContain('2 passed');
    expect(scene.host.comments).toHaveLength(0);
  });

  it('sets the case-count outputs it has read when it stops afterwards, as the summary shows them', async () => {
    // README: the counts are empty only "when the step stopped before results were read".
    const controller = cancelDuringDownload();
    await expect(runTests(scene.deps(scene.settings(), controller.signal))).rejects.toBeInstanceOf(RunCancelledError);
    expect(scene.host.summaries[0]).toContain('2 passed');
    expect(scene.host.outputs).toMatchObject({ status: 'SUCCESS', passed: '2', failed: '0', unavailable: '0', total: '2' });
  });

  it('reports a cancel that came while the artifact was extracted as a stop, without the comment or the workflow artifact', async () => {
    const controller = new AbortController();
    scene.platform.states = ['passed'];
    scene.platform.downloadArtifact = async (runId: string, dir: string) => {
      const file = path.join(dir, `${runId}_artifacts.zip`);
      const bytes = await writeZipFile(file, [{ name: 'report.csv', content: 'case,result\n' }]);
      // The download is done; extracting it does not look at the signal, so the cancel lands unseen.
      controller.abort(new Error('received SIGINT'));
      return { path: file, bytes };
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.host.summaries[0]).toContain('2 passed');
    expect(scene.host.comments).toHaveLength(0);
    expect(scene.host.uploads).toHaveLength(0);
  });

  it('stops waiting for a workflow-artifact upload when the job is cancelled, skips the comment and still writes the summary', async () => {
    const controller = new AbortController();
    scene.platform.states = ['passed'];
    scene.host.uploadArtifact = async () => {
      controller.abort(new Error('received SIGINT'));
      return new Promise<string[]>(() => undefined);
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe('Cancelled while publishing the reports of run run-1, which ended SUCCESS: 2 of 2 test cases passed.');
    expect(scene.host.comments).toHaveLength(0);
    expect(scene.host.summaries).toHaveLength(1);
    expect(scene.host.summaries[0]).toContain('Stopped waiting for the workflow artifact');
    expect(scene.host.outputs).toMatchObject({ status: 'SUCCESS', passed: '2', failed: '0' });
  });

  it('stops waiting for the pull request comment when the job is cancelled, and still writes the summary', async () => {
    const controller = new AbortController();
    scene.platform.states = ['passed'];
    scene.host.upsertComment = async () => {
      controller.abort(new Error('received SIGTERM'));
      return new Promise<'created'>(() => undefined);
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect(scene.host.summaries).toHaveLength(1);
    expect(scene.host.summaries[0]).toContain('Stopped waiting for the pull request comment: the job was cancelled.');
  });

  it('redacts a secret in a warning raised while publishing, before escaping could disguise it', async () => {
    const secret = 'ghp_Abc123_def456_SECRET';
    const redactor = new Redactor();
    redactor.add(secret);
    scene.platform.states = ['passed'];
    scene.host.commentError = new Error(`403 for token ${secret}`);
    await runTests({ ...scene.deps(scene.settings()), host: redactingHost(scene.host, redactor), redactor });
    expect(scene.host.summaries[0]).toContain('403 for token');
    expect(scene.host.summaries[0]).not.toContain('Abc123');
  });
});
