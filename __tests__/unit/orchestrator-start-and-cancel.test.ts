// runTests up to and around the start of a run: uploading suites, Create Run and its note, and a cancel at any point.
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ZodType } from 'zod';
import { AmbiguousRunError, ConfigurationError, HttpError, NetworkError, RunCancelledError } from '../../src/core/errors.js';
import type { RunFilters, RunSnapshot } from '../../src/core/model.js';
import type { CallContext, StartJournal } from '../../src/core/provider.js';
import type { ApiClient } from '../../src/http/api-client.js';
import { createRunOnce } from '../../src/providers/testing-studio/run-creator.js';
import { runTests } from '../../src/core/orchestrator.js';
import { ScriptedPlatform } from '../helpers/fakes.js';
import { orchestratorScene } from '../helpers/orchestrator-scene.js';

const scene = orchestratorScene();

/** A job cancel (SIGINT) that comes as the run's status is checked the second time. */
function cancelAtSecondCheck(): AbortController {
  const controller = new AbortController();
  scene.platform.onGetRun = (n) => {
    if (n === 2) controller.abort(new Error('received SIGINT'));
  };
  return controller;
}

describe('runTests', () => {
  it("does not upload results-path as suites when it lies inside the suites folder, with an earlier step's results in it", async () => {
    // A repository of suites only (.omilia-ci.yml at its root) gives `suites: .`; a second step in the job finds the first's results.
    await writeFile(path.join(scene.workspace, '.omilia-ci.yml'), 'version: 1\n');
    await mkdir(path.join(scene.workspace, 'testing-studio-results', 'artifacts'), { recursive: true });
    await writeFile(path.join(scene.workspace, 'testing-studio-results', 'junit.xml'), '<testsuites/>');
    await writeFile(path.join(scene.workspace, 'testing-studio-results', 'artifacts', 'run.log'), 'log');
    const uploaded: string[] = [];
    scene.platform.uploadSuites = async (zipPath: string) => {
      const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
      for await (const entry of zip.eachEntry()) uploaded.push(entry.fileName);
    };
    scene.platform.states = ['passed'];
    await runTests(scene.deps(scene.settings({ suites: '.' })));
    expect(uploaded).toEqual(['.omilia-ci.yml']);
    expect(scene.host.warnings()).toContain('Not uploaded: testing-studio-results: results-path (the results of this action)');
  });

  it('warns once about the entries left out of the suites, naming the first few, so they do not crowd out other annotations', async () => {
    // GitHub keeps 10 warning annotations per step: one per left-out file would hide the step's other warnings.
    await writeFile(path.join(scene.workspace, 'outside.yml'), 'x');
    await mkdir(path.join(scene.workspace, 'suites'));
    await writeFile(path.join(scene.workspace, 'suites', 'tests.yml'), 'tests: []\n');
    for (let i = 0; i < 30; i++) await symlink(path.join(scene.workspace, 'outside.yml'), path.join(scene.workspace, 'suites', `link_${String(i).padStart(2, '0')}.yml`));
    scene.platform.states = ['passed'];
    await runTests(scene.deps(scene.settings({ suites: 'suites' })));
    const leftOut = scene.host.warnings().filter((w) => w.startsWith('Not uploaded'));
    expect(leftOut).toHaveLength(1);
    expect(leftOut[0]).toMatch(/^Not uploaded: link_00\.yml: symlink to a location outside the folder, link_01\.yml: .* and 20 more \(each listed in the log\)$/);
    // Each is still named in the log, as a plain line.
    expect(scene.host.lines.filter((l) => l.level === 'info' && l.text === 'Not uploaded: link_29.yml: symlink to a location outside the folder')).toHaveLength(1);
  });

  it('refuses before starting a run when the platform rejects the upload', async () => {
    scene.platform.prepareError = new ConfigurationError('Project uses git storage');
    await mkdir(path.join(scene.workspace, 'suites'));
    await writeFile(path.join(scene.workspace, 'suites', 'tests.yml'), 'tests: []\n');
    await expect(runTests(scene.deps(scene.settings({ suites: 'suites' })))).rejects.toThrow('git storage');
    expect(scene.platform.calls).toEqual(['prepare uploading=true']);
  });

  it('reports a failure before any run exists as NOT_STARTED in the outputs, summary and comment, with no artifact', async () => {
    scene.platform.prepareError = new HttpError('GET', 'http://127.0.0.1:1/api/projects/p/', 401, 'Invalid token');
    await expect(runTests(scene.deps(scene.settings()))).rejects.toBe(scene.platform.prepareError);
    expect(scene.host.outputs).toMatchObject({ status: 'NOT_STARTED', 'results-path': path.join(scene.workspace, 'testing-studio-results') });
    expect(scene.host.outputs['run-id']).toBeUndefined();
    expect(scene.host.summaries[0]).toContain('no run was started');
    expect(scene.host.summaries[0]).toContain('HTTP 401');
    expect(scene.host.comments[0]?.body).toContain('no run was started');
    expect(scene.host.uploads).toHaveLength(0);
  });

  it('reports UNKNOWN when Create Run failed in a way that may have started a run', async () => {
    scene.platform.startError = new AmbiguousRunError('Create Run failed (HTTP 502) and 2 new runs with the same filters appeared');
    await expect(runTests(scene.deps(scene.settings()))).rejects.toBe(scene.platform.startError);
    expect(scene.host.outputs.status).toBe('UNKNOWN');
    expect(scene.host.summaries[0]).toContain('could not tell whether a run started');
  });

  it('saves the run id before it drops the Create Run note, so a kill in between still leaves the run to revoke', async () => {
    await runTests(scene.deps(scene.settings()));
    expect(scene.host.memory).toEqual(['note:start-note', 'run:run-1', 'note:-', 'run:-']);
  });

  it('drops the Create Run note when the platform says nothing was started', async () => {
    scene.platform.startError = new HttpError('POST', '/api/runs/', 422, 'group: unknown group');
    scene.platform.startRefused = true;
    const error = await runTests(scene.deps(scene.settings())).catch((e: unknown) => e);
    expect(error).toBe(scene.platform.startError);
    expect(scene.host.memory).toEqual(['note:start-note', 'note:-']);
  });

  it('says no run was started when the job is cancelled before Create Run is sent', async () => {
    const controller = new AbortController();
    scene.platform.onStart = (ctx) => {
      controller.abort(new Error('received SIGINT'));
      // What a platform does once `stopping` is aborted: send nothing and throw its reason.
      if (ctx.stopping?.aborted) throw ctx.stopping.reason;
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(scene.platform.calls.some((c) => c.startsWith('cancel'))).toBe(false);
    expect(scene.host.outputs.status).toBe('CANCELLED');
  });

  it('revokes a run whose Create Run answered after the job was cancelled', async () => {
    const controller = new AbortController();
    scene.platform.onStart = () => controller.abort(new Error('received SIGINT'));
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe('Cancelled while run run-1 was in progress; the run was revoked.');
    expect(scene.platform.calls).toContain('cancel run-1');
    expect(scene.platform.pollCount).toBe(0);
    expect(scene.host.remembered).toEqual(['run-1', undefined]);
    expect(scene.host.outputs).toMatchObject({ 'run-id': 'run-1', status: 'CANCELLED' });
  });

  it('stops zipping the suites when the job is cancelled meanwhile: uploads nothing, starts nothing and leaves no zip', async () => {
    await mkdir(path.join(scene.workspace, 'suites'));
    await writeFile(path.join(scene.workspace, 'suites', 'audio.wav'), Buffer.alloc(1024 * 1024, 7));
    const controller = new AbortController();
    const group = scene.host.log.group;
    scene.host.log.group = (title, fn) => {
      // Zipping a large suites folder takes seconds: the cancel lands while it runs.
      if (title === 'Uploading suites') controller.abort(new Error('received SIGINT'));
      return group(title, fn);
    };
    const error = await runTests(scene.deps(scene.settings({ suites: 'suites' }), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(scene.platform.calls.filter((c) => c.startsWith('upload') || c.startsWith('start'))).toEqual([]);
    expect(scene.host.outputs.status).toBe('CANCELLED');
    expect((await readdir(scene.workspace)).filter((name) => name.endsWith('.zip'))).toEqual([]);
  });

  it('keeps the Create Run note for the clean-up step when the job is cancelled before Create Run answers', async () => {
    const controller = new AbortController();
    scene.platform.onStart = () => controller.abort(new Error('received SIGINT'));
    // What was sent failed without saying whether it started a run, as a request abandoned after the grace does.
    scene.platform.startError = new NetworkError('POST', '/api/runs/', 'UND_ERR_SOCKET', true);
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toBe(
      "Cancelled while starting the run: Create Run's outcome could not be learned in time, so a run may have been started. " +
        'The clean-up step at the end of the job looks for it and revokes it if it can tell which run it is.',
    );
    expect(scene.host.memory).toEqual(['note:start-note']);
    expect(scene.host.outputs.status).toBe('CANCELLED');
  });

  it('says a run may have been left running when Create Run goes unanswered and revoke-on-cancel is false', async () => {
    const controller = new AbortController();
    scene.platform.onStart = () => controller.abort(new Error('received SIGINT'));
    scene.platform.startError = new NetworkError('POST', '/api/runs/', 'UND_ERR_SOCKET', true);
    const error = await runTests(scene.deps(scene.settings({ 'revoke-on-cancel': 'false' }), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('If it exists, it is left running (revoke-on-cancel is false).');
  });

  it('does not promise a clean-up search when the note for it could not be saved', async () => {
    const controller = new AbortController();
    scene.host.noteSaves = false;
    scene.platform.onStart = () => controller.abort(new Error('received SIGINT'));
    scene.platform.startError = new NetworkError('POST', '/api/runs/', 'UND_ERR_SOCKET', true);
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('It cannot be looked for later (the note for the clean-up step could not be saved)');
  });

  it('says no run was started when the Create Run in flight at a cancel is then refused', async () => {
    const controller = new AbortController();
    scene.platform.onStart = () => controller.abort(new Error('received SIGINT'));
    scene.platform.startError = new HttpError('POST', '/api/runs/', 422, 'group: unknown group');
    scene.platform.startRefused = true;
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(scene.host.memory).toEqual(['note:start-note', 'note:-']);
  });

  it('revokes the run and reports cancellation when the job is cancelled mid-run', async () => {
    const controller = new AbortController();
    scene.platform.states = ['running'];
    scene.platform.onGetRun = (n) => {
      if (n === 3) controller.abort(new Error('received SIGINT'));
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toContain('the run was revoked');
    expect(scene.platform.calls).toContain('cancel run-1');
    expect(scene.host.outputs.status).toBe('CANCELLED');
    // Cancelled: the seconds left before the runner kills the job go to the revoke, not to uploads; neither is even begun.
    expect(scene.host.comments).toHaveLength(0);
    expect(scene.host.uploads).toHaveLength(0);
    expect(scene.host.warnings().filter((w) => /artifact|comment/.test(w))).toEqual([]);
    // Unlike a timeout, nor the cases the run got through: a cancelled job's seconds are few.
    expect(scene.platform.calls).not.toContain('getResults');
  });

  it('says the run had ended, not that it may still be running, when its revoke is refused because it ended just before the cancel', async () => {
    scene.platform.states = ['running', 'running', 'passed'];
    const controller = cancelAtSecondCheck();
    scene.platform.cancelRun = async () => {
      throw new HttpError('POST', 'http://127.0.0.1:1/api/runs/run-1/revoke/', 409, 'Run is not revocable');
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled as run run-1 ended SUCCESS: there was nothing to revoke, and its results were not collected.');
    expect(scene.host.warnings().filter((w) => w.includes('revoke'))).toEqual([]);
    // Nothing is left for the clean-up step.
    expect(scene.host.remembered.at(-1)).toBeUndefined();
  });

  it('says the run was revoked when the revoke answered with an error but the run reads REVOKED', async () => {
    scene.platform.states = ['running', 'running', 'cancelled'];
    const controller = cancelAtSecondCheck();
    scene.platform.cancelRun = async () => {
      throw new HttpError('POST', 'http://127.0.0.1:1/api/runs/run-1/revoke/', 504, 'Gateway Timeout');
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled while run run-1 was in progress; the run was revoked.');
    expect(scene.host.remembered.at(-1)).toBeUndefined();
  });

  it("keeps the verdict of a run whose status could not be read when, after its refused revoke, it reads as ended", async () => {
    scene.platform.states = ['running', 'running', 'passed'];
    scene.platform.getRunErrors = [undefined, new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1', 404, 'Not Found')];
    scene.platform.cancelRun = async () => {
      throw new HttpError('POST', 'http://127.0.0.1:1/api/runs/run-1/revoke/', 409, 'Run is not revocable');
    };
    const outcome = await runTests(scene.deps(scene.settings()));
    expect(outcome.verdict).toBe('passed');
    expect(scene.host.outputs.status).toBe('SUCCESS');
    expect(scene.platform.calls).toContain('getResults');
  });

  it('keeps the verdict of a run that ended just as the deadline passed, read after its refused revoke', async () => {
    scene.platform.states = ['running'];
    let polls = 0;
    const getRun = scene.platform.getRun.bind(scene.platform);
    scene.platform.getRun = async (runId, ctx) => {
      polls++;
      // Still running at every check and at the last look; ended by the time the refused revoke is followed up.
      const run = await getRun(runId, ctx);
      return scene.platform.calls.some((c) => c.startsWith('cancel')) ? { ...run, state: 'failed', vendorStatus: 'FAILURE' } : run;
    };
    scene.platform.cancelRun = async (runId) => {
      scene.platform.calls.push(`cancel ${runId}`);
      throw new HttpError('POST', 'http://127.0.0.1:1/api/runs/run-1/revoke/', 409, 'Run is not revocable');
    };
    const outcome = await runTests(scene.deps(scene.settings({ timeout: '60s' })));
    expect(polls).toBeGreaterThan(1);
    expect(outcome.verdict).toBe('failed');
    expect(scene.host.outputs.status).toBe('FAILURE');
  });

  it('says a run whose revoke and status both answer 404 no longer exists, and leaves nothing for the clean-up step', async () => {
    scene.platform.states = ['running'];
    const controller = cancelAtSecondCheck();
    // The first poll answers; the second meets the cancel; the check after the refused revoke answers 404.
    scene.platform.getRunErrors = [undefined, new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1/', 404, 'Not Found')];
    scene.platform.cancelRun = async () => {
      throw new HttpError('POST', 'http://127.0.0.1:1/api/runs/run-1/revoke/', 404, 'Not Found');
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Cancelled while run run-1 was in progress; the run no longer exists on the server (its revoke and its status both answered 404), so there was nothing to revoke.',
    );
    expect(scene.host.warnings()).toContain('Run run-1 no longer exists on the server (its revoke and its status both answered 404).');
    expect(scene.host.remembered.at(-1)).toBeUndefined();
  });

  it('keeps the run for the clean-up step when only its revoke answers 404 and its status still reads running', async () => {
    scene.platform.states = ['running'];
    const controller = cancelAtSecondCheck();
    scene.platform.cancelRun = async () => {
      throw new HttpError('POST', 'http://127.0.0.1:1/api/runs/run-1/revoke/', 404, 'Not Found');
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('the run could not be revoked and may still be running');
    expect(scene.host.remembered.at(-1)).toBe('run-1');
  });

  it('says the revoke got no answer in time, rather than quoting the abort, when revoking on cancel times out', async () => {
    scene.platform.states = ['running'];
    const controller = cancelAtSecondCheck();
    scene.platform.cancelRun = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    const error = await runTests(scene.deps(scene.settings(), controller.signal)).catch((e: unknown) => e);
    expect(scene.host.warnings()).toContain('Could not revoke run run-1: no answer within 5 s');
    expect((error as Error).message).toContain('the run could not be revoked');
    expect(scene.host.remembered.at(-1)).toBe('run-1');
  });
});

/** The real Testing Studio Create Run over a scripted ApiClient, inside a scripted platform. */
class CreatorPlatform extends ScriptedPlatform {
  constructor(private readonly client: ApiClient) {
    super();
  }
  override async startRun(filters: RunFilters, ctx: CallContext, journal?: StartJournal): Promise<RunSnapshot> {
    const run = await createRunOnce(this.client, 'project', filters, ctx, () => undefined, { clock: scene.clock, random: () => 0.5, journal });
    return { id: run.runId, state: 'queued', vendorStatus: run.status };
  }
}

/** An ApiClient whose listings answer no runs and whose POSTs run `post`. */
function listingClient(post: (count: number) => never, list: () => void = () => undefined): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getJson: async <T>(p: string, schema: ZodType<T>): Promise<T> => {
      calls.push(`GET ${p}`);
      list();
      return schema.parse({ data: [] });
    },
    postJson: async (p: string) => {
      calls.push(`POST ${p}`);
      return post(calls.filter((c) => c.startsWith('POST')).length);
    },
    postEmpty: async () => undefined,
    postFile: async () => undefined,
    download: async () => ({ bytes: 0 }),
  };
}

describe('runTests with the Testing Studio Create Run, stopped while starting', () => {
  it('leaves the note and says the clean-up step looks for the run when ambiguous failures listed no new run', async () => {
    const controller = new AbortController();
    const client = listingClient((count) => {
      // The job is cancelled while the second (last) POST is in flight; it answers 503 within the grace.
      if (count === 2) controller.abort(new Error('received SIGINT'));
      throw new HttpError('POST', '/api/runs/', 503, undefined);
    });
    const error = await runTests({ ...scene.deps(scene.settings(), controller.signal), platform: new CreatorPlatform(client) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toMatch(
      /^Cancelled while starting the run: Create Run failed twice and no new run is listed: .*The clean-up step at the end of the job looks for it/,
    );
    // Noted before each POST (the second with when it was sent); the last note stays for the clean-up step.
    expect(scene.host.memory).toHaveLength(2);
    expect(scene.host.memory.every((entry) => entry.startsWith('note:{'))).toBe(true);
  });

  it('says no run was started, and leaves no note, when the stop comes during the listing before any POST', async () => {
    const controller = new AbortController();
    const client = listingClient(
      () => {
        throw new Error('never sent');
      },
      () => {
        controller.abort(new Error('received SIGINT'));
        throw Object.assign(new Error('listing aborted'), { name: 'AbortError' });
      },
    );
    const error = await runTests({ ...scene.deps(scene.settings(), controller.signal), platform: new CreatorPlatform(client) }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cancelled before a run was started.');
    expect(client.calls).toEqual(['GET /api/projects/project/runs/']);
    expect(scene.host.memory).toEqual([]);
  });
});
