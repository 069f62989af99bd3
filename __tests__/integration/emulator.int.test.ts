import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FormData, request } from 'undici';
import { listZipEntries, makeZipBuffer } from '../emulator/make-zip.js';
import {
  FAILING_SCENARIO,
  GIT_PROJECT_ID,
  GIT_PROJECT_SECRET,
  HOSTILE_SCENARIO,
  PASSING_SCENARIO,
  S3_PROJECT_ID,
  startEmulator,
  type Emulator,
  type RunScenario,
} from '../emulator/testing-studio-emulator.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

type Json = Record<string, unknown>;

async function call(emulator: Emulator, method: 'GET' | 'POST', path: string, options: { body?: unknown; token?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? emulator.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${emulator.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

async function download(emulator: Emulator, runId: string): Promise<{ status: number; length: string | undefined; bytes: Buffer }> {
  const res = await request(`${emulator.url}/api/runs/${runId}/artifacts/`, { headers: { authorization: `Bearer ${emulator.token}` } });
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  const length = res.headers['content-length'];
  return { status: res.statusCode, length: typeof length === 'string' ? length : undefined, bytes: Buffer.concat(chunks) };
}

function firstRun(answer: Answer): Json {
  const data = (answer.json as { data: Json[] }).data;
  expect(data).toHaveLength(1);
  return data[0] as Json;
}

/** Creates a run on the S3 project with `scenario` scripted for it, and returns its id. */
async function createRun(emulator: Emulator, scenario: RunScenario): Promise<string> {
  emulator.script(scenario, 1);
  const answer = await call(emulator, 'POST', '/api/runs/', { body: { projectId: S3_PROJECT_ID, group: null, utterance: null, description: null } });
  expect(answer.status).toBe(200);
  return firstRun(answer).runId as string;
}

describe('Testing Studio emulator over real HTTP (wall clock)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers the health check without a token but refuses other routes without the right bearer token', async () => {
    expect(await call(emulator, 'GET', '/api/healthcheck/', { token: null })).toMatchObject({ status: 200, json: { data: { status: 'up' } } });
    expect(await call(emulator, 'GET', '/api/projects/', { token: null })).toMatchObject({ status: 401, json: { detail: 'Invalid token' } });
    expect(await call(emulator, 'GET', '/api/projects/', { token: 'wrong' })).toMatchObject({ status: 401, json: { detail: 'Invalid token' } });
    expect((await call(emulator, 'GET', '/api/projects/')).status).toBe(200);
  });

  it('lists the two doc projects, leaking the git token like the real API, and 404s unknown ones', async () => {
    const answer = await call(emulator, 'GET', '/api/projects/');
    const data = (answer.json as { data: Json[] }).data;
    expect(data.map((p) => p.id)).toEqual([GIT_PROJECT_ID, S3_PROJECT_ID]);
    expect(data[0]).toMatchObject({ gitToken: GIT_PROJECT_SECRET, gitStorage: true, s3Storage: false });
    expect(data[1]).toMatchObject({ gitToken: null, gitStorage: false, s3Storage: true, latestRun: null });
    const missing = await call(emulator, 'GET', '/api/projects/00000000-0000-4000-8000-000000000000');
    expect(missing).toMatchObject({ status: 404, json: { detail: 'Project not found' } });
  });

  it('creates a run that polls from PENDING to SUCCESS with one-element data arrays and doc-style timestamps', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 300 });
    const seen: string[] = [];
    for (let i = 0; i < 200; i++) {
      const run = firstRun(await call(emulator, 'GET', `/api/runs/${runId}`));
      if (seen.at(-1) !== run.status) seen.push(run.status as string);
      if (run.status === 'SUCCESS') {
        expect(run.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
        expect(run.isRevocable).toBe(false);
        expect(run.artifact).toMatchObject({ name: `${runId}_artifacts.zip`, ttl: 604800, runId });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.at(-1)).toBe('SUCCESS');
    const order = ['PENDING', 'STARTED', 'SUCCESS'];
    expect(seen.map((s) => order.indexOf(s))).toEqual([...seen.map((s) => order.indexOf(s))].sort());
    expect(emulator.lastRunEndedAt(runId)).toBe((emulator.runs.get(runId)?.createdAt ?? 0) + 300);
  });

  it('refuses a Create Run without projectId the way the reference shows validation errors, and records filters otherwise', async () => {
    const missing = await call(emulator, 'POST', '/api/runs/', { body: { group: 'g' } });
    expect(missing).toMatchObject({ status: 400, json: { detail: 'Request contains an error. Field: projectId, Error: field required' } });
    const created = await call(emulator, 'POST', '/api/runs/', { body: { projectId: GIT_PROJECT_ID, group: 'smoke', utterance: null, description: 'x' } });
    const run = firstRun(created);
    expect(run).toMatchObject({ status: 'PENDING', group: 'smoke', utterance: null, description: 'x', isRevocable: true, finishedAt: null });
    expect(run.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(emulator.runs.get(run.runId as string)?.filters).toEqual({ group: 'smoke', utterance: null, description: 'x' });
    const runs = await call(emulator, 'GET', `/api/projects/${GIT_PROJECT_ID}/runs/`);
    expect((runs.json as { data: Json[] }).data[0]?.runId).toBe(run.runId);
    expect((await call(emulator, 'GET', '/api/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('revokes a running run: 204, REVOKED, not revocable any more', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, neverFinishes: true });
    expect((await call(emulator, 'POST', `/api/runs/${runId}/revoke/`)).status).toBe(204);
    const run = firstRun(await call(emulator, 'GET', `/api/runs/${runId}`));
    expect(run).toMatchObject({ status: 'REVOKED', isRevocable: false, artifact: null });
    expect(emulator.runs.get(runId)?.revoked).toBe(true);
    expect(emulator.lastRunEndedAt(runId)).toBeDefined();
    expect(emulator.countRequests('POST', /\/revoke\/?$/)).toBe(1);
  });

  it('answers 404 to a path spelt with or without the trailing slash the reference does not give it', async () => {
    const runId = firstRun(await call(emulator, 'POST', '/api/runs/', { body: { projectId: GIT_PROJECT_ID } })).runId as string;
    const documented = ['/api/projects/', `/api/projects/${GIT_PROJECT_ID}`, `/api/projects/${GIT_PROJECT_ID}/runs/`, `/api/runs/${runId}`, `/api/runs/${runId}/logs/`, `/api/runs/${runId}/test_cases/`];
    for (const path of documented) {
      expect((await call(emulator, 'GET', path)).status).toBe(200);
      const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      expect(await call(emulator, 'GET', other)).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
    }
    expect((await call(emulator, 'POST', '/api/runs', { body: { projectId: GIT_PROJECT_ID } })).status).toBe(404);
  });

  it('answers an injected 429 with Retry-After once, then serves normally', async () => {
    emulator.faults.inject({ method: 'GET', path: '/api/healthcheck/', fault: { status: 429, retryAfter: '2' } });
    const limited = await call(emulator, 'GET', '/api/healthcheck/');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect((await call(emulator, 'GET', '/api/healthcheck/')).status).toBe(200);
    expect(emulator.faults.pending).toBe(0);
  });

  it('resets the connection without creating a run for a plain reset fault', async () => {
    const before = emulator.runs.size;
    emulator.faults.inject({ method: 'POST', path: /^\/api\/runs\/?$/, fault: { reset: true } });
    await expect(call(emulator, 'POST', '/api/runs/', { body: { projectId: S3_PROJECT_ID } })).rejects.toThrow();
    expect(emulator.runs.size).toBe(before);
  });

  it('creates the run but drops the connection for resetAfterHandling (the ambiguous create)', async () => {
    const before = emulator.runs.size;
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { resetAfterHandling: true } });
    await expect(call(emulator, 'POST', '/api/runs/', { body: { projectId: S3_PROJECT_ID, description: 'ambiguous' } })).rejects.toThrow();
    expect(emulator.runs.size).toBe(before + 1);
    const listed = await call(emulator, 'GET', `/api/projects/${S3_PROJECT_ID}/runs/`);
    expect((listed.json as { data: Json[] }).data[0]).toMatchObject({ description: 'ambiguous' });
    expect(emulator.requests.at(-2)?.outcome).toBe('reset');
  });

  it('creates the run but answers 500 for statusAfterHandling', async () => {
    const before = emulator.runs.size;
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusAfterHandling: 500 } });
    expect((await call(emulator, 'POST', '/api/runs/', { body: { projectId: S3_PROJECT_ID } })).status).toBe(500);
    expect(emulator.runs.size).toBe(before + 1);
  });

  it('accepts a multipart zip upload for the S3 project and records the entry names', async () => {
    const form = new FormData();
    const zip = await makeZipBuffer([{ name: 'tests/suite_1.yml', content: 'cases: []\n' }, { name: '.omilia-ci.yml', content: 'x: 1\n' }]);
    form.append('file', new Blob([zip], { type: 'application/zip' }), 'suites.zip');
    const res = await request(`${emulator.url}/api/projects/${S3_PROJECT_ID}/suites/`, { method: 'POST', headers: { authorization: `Bearer ${emulator.token}` }, body: form });
    await res.body.dump();
    expect(res.statusCode).toBe(204);
    expect(emulator.uploads.at(-1)).toMatchObject({ projectId: S3_PROJECT_ID, bytes: zip.length, fieldName: 'file', fileName: 'suites.zip', accepted: true });
    expect(emulator.uploads.at(-1)?.fileNames).toEqual(['tests/suite_1.yml', '.omilia-ci.yml']);
  });

  it('refuses uploads to a git project, and uploads without a file field, with 400', async () => {
    const form = new FormData();
    form.append('file', new Blob([await makeZipBuffer([{ name: 'a.yml', content: 'a' }])]), 'suites.zip');
    const git = await request(`${emulator.url}/api/projects/${GIT_PROJECT_ID}/suites/`, { method: 'POST', headers: { authorization: `Bearer ${emulator.token}` }, body: form });
    expect(await git.body.json()).toEqual({ detail: 'Project does not have S3 storage enabled' });
    expect(git.statusCode).toBe(400);
    const empty = new FormData();
    empty.append('note', 'no file here');
    const none = await request(`${emulator.url}/api/projects/${S3_PROJECT_ID}/suites/`, { method: 'POST', headers: { authorization: `Bearer ${emulator.token}` }, body: empty });
    expect(await none.body.json()).toEqual({ detail: 'Request contains an error. Field: file, Error: field required' });
    expect(none.statusCode).toBe(400);
  });

  it('refuses a Create Run whose body is not sent as JSON, or whose filters are not strings, and starts no run', async () => {
    const before = emulator.runs.size;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await request(`${emulator.url}/api/runs/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.token}`, 'content-type': type },
        body: JSON.stringify({ projectId: GIT_PROJECT_ID }),
      });
      expect(await res.body.json()).toEqual({ detail: 'Request contains an error. Field: __root__, Error: value is not a valid dict' });
      expect(res.statusCode).toBe(400);
    }
    const odd = await call(emulator, 'POST', '/api/runs/', { body: { projectId: GIT_PROJECT_ID, group: { $ne: 1 }, utterance: 5 } });
    expect(odd).toMatchObject({ status: 400, json: { detail: 'Request contains an error. Field: group, Error: str type expected' } });
    expect(emulator.runs.size).toBe(before);
  });

  it('serves a normal artifact zip with entries, and 404 "Artifact not found" when there is none', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0 });
    const artifact = await download(emulator, runId);
    expect(artifact.status).toBe(200);
    expect(Number(artifact.length)).toBe(artifact.bytes.length);
    expect((await listZipEntries(artifact.bytes)).map((e) => e.name)).toEqual(expect.arrayContaining(['results/test_results.csv', 'logs/run.log']));
    const bareId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0, artifact: 'none' });
    expect(await call(emulator, 'GET', `/api/runs/${bareId}/artifacts/`)).toMatchObject({ status: 404, json: { detail: 'Artifact not found' } });
  });

  it('serves hostile artifacts: a ../ entry, an absolute path and a symlink', async () => {
    const slip = await download(emulator, await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0, artifact: 'zip-slip' }));
    expect((await listZipEntries(slip.bytes)).some((e) => e.name.startsWith('../'))).toBe(true);
    const absolute = await download(emulator, await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0, artifact: 'absolute-path' }));
    expect((await listZipEntries(absolute.bytes)).some((e) => e.name.startsWith('/tmp/'))).toBe(true);
    const link = await download(emulator, await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0, artifact: 'symlink' }));
    expect((await listZipEntries(link.bytes)).filter((e) => e.isSymlink).map((e) => e.name)).toContain('results/evil-link');
  });

  it('streams a 20 MB artifact with a Content-Length matching the bytes sent, as a valid zip', async () => {
    const size = 20 * 1024 * 1024;
    const artifact = await download(emulator, await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0, artifact: { sizeBytes: size } }));
    expect(artifact.status).toBe(200);
    expect(Number(artifact.length)).toBe(artifact.bytes.length);
    const [entry] = await listZipEntries(artifact.bytes);
    expect(entry).toMatchObject({ name: 'results/large.bin', uncompressedSize: size, compressedSize: size });
  });

  it('cuts an artifact download short with resetAfterBytes', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 0, artifact: { sizeBytes: 1024 * 1024 } });
    emulator.faults.inject({ method: 'GET', path: /\/artifacts\/?$/, fault: { resetAfterBytes: 1000 } });
    await expect(download(emulator, runId)).rejects.toThrow();
  });

  it("runs only the cases Create Run's filters choose: a description filter that names no case's description runs none", async () => {
    const casesOf = async (filters: Record<string, string | null>): Promise<unknown[]> => {
      emulator.script({ ...FAILING_SCENARIO, durationMs: 0 }, 1);
      const answer = await call(emulator, 'POST', '/api/runs/', { body: { projectId: S3_PROJECT_ID, group: null, utterance: null, description: null, ...filters } });
      const runId = firstRun(answer).runId as string;
      return ((await call(emulator, 'GET', `/api/runs/${runId}/test_cases/`)).json as { data: Json[] }).data.map((c) => c.testCaseName);
    };
    expect(await casesOf({ description: 'athens' })).toEqual(['book_flight']);
    expect(await casesOf({ description: 'matrix leg 1' })).toEqual([]);
    // No case of the scenario has a group: the filter keeps them all.
    expect(await casesOf({ group: 'smoke' })).toEqual(['book_flight', 'check_balance', 'greeting']);
  });

  it('reports test cases with the doc fields plus an unknown vendor field, and matching stats', async () => {
    const runId = await createRun(emulator, { ...FAILING_SCENARIO, durationMs: 0 });
    const cases = (await call(emulator, 'GET', `/api/runs/${runId}/test_cases/`)).json as { data: Json[] };
    expect(cases.data).toHaveLength(3);
    expect(cases.data[0]).toMatchObject({
      testCaseName: 'book_flight',
      status: 'fail',
      executionTime: 2310,
      extraVendorField: 1,
      assertionErrors: [
        { step: 2, assertion: 'intent', expected: 'BookFlight', found: 'CancelFlight' },
        { step: 4, assertion: 'prompt', expected: 'Where would you like to fly?', found: 'Sorry, I did not get that.' },
      ],
    });
    expect((await call(emulator, 'GET', `/api/runs/${runId}/run_stats/`)).json).toMatchObject({ data: { runId, pass: 1, fail: 1, unavailable: 1 } });
    expect((await call(emulator, 'GET', `/api/runs/${runId}/suites/`)).json).toEqual({ data: [{ testSuiteName: 'test_suite_1' }] });
    expect(firstRun(await call(emulator, 'GET', `/api/runs/${runId}`)).status).toBe('FAILURE');
  });

  it('serves hostile case names verbatim', async () => {
    const runId = await createRun(emulator, { ...HOSTILE_SCENARIO, durationMs: 0 });
    const cases = (await call(emulator, 'GET', `/api/runs/${runId}/test_cases/`)).json as { data: Json[] };
    expect(cases.data.map((c) => c.testCaseName)).toContain('<script>alert(1)</script>');
    expect(emulator.handlerErrors).toEqual([]);
  });
});

describe('Testing Studio emulator on a manual clock', () => {
  let now = Date.UTC(2024, 0, 1, 12, 0, 0);
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ now: () => now });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('moves PENDING → STARTED → SUCCESS exactly at the scripted times', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 4000 });
    const status = async (): Promise<unknown> => firstRun(await call(emulator, 'GET', `/api/runs/${runId}`)).status;
    expect(await status()).toBe('PENDING');
    now += 500;
    expect(await status()).toBe('STARTED');
    now += 3499;
    expect(await status()).toBe('STARTED');
    now += 1;
    expect(await status()).toBe('SUCCESS');
    expect(firstRun(await call(emulator, 'GET', `/api/runs/${runId}`)).duration).toBe('0:00:04');
  });

  it('reveals log lines progressively and completes every section at the end', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 10_000 });
    const logs = async (): Promise<Json[]> => ((await call(emulator, 'GET', `/api/runs/${runId}/logs/`)).json as { data: Json[] }).data;
    const texts = (section: Json): unknown[] => ((section.content as Json[] | undefined) ?? []).filter((entry) => 'text' in entry);
    const lineCount = (data: Json[]): number => data.reduce((sum, s) => sum + texts(s).length, 0);
    expect(await logs()).toEqual([{}]);
    now += 3000;
    const early = await logs();
    now += 4000;
    const later = await logs();
    now += 3000;
    const done = await logs();
    expect(lineCount(early)).toBeGreaterThan(0);
    expect(lineCount(later)).toBeGreaterThan(lineCount(early));
    expect(lineCount(done)).toBeGreaterThan(lineCount(later));
    expect(later.some((s) => s.completed === false)).toBe(true);
    expect(done).toContainEqual({});
    const sections = done.filter((s) => 'sectionName' in s);
    expect(sections.map((s) => s.sectionName)).toEqual(['Clone Repository', 'Load Configuration', 'Load Test Suites', 'Run Test Suites', 'Aggregate Results']);
    expect(sections.every((s) => s.completed === true && s.offset === texts(s).length)).toBe(true);
    // Like the reference's example, the first section's content also holds entries without a text: a `{}` and a nested section.
    expect((sections[0]?.content as Json[]).filter((entry) => !('text' in entry))).toEqual([
      {},
      { sectionName: 'Nested', id: 'nested-in-content', content: [], completed: true },
    ]);
  });

  it('answers statusBeforeHandling at once and creates the run only once handleAfterMs has passed on its clock', async () => {
    const listed = async (): Promise<unknown[]> =>
      ((await call(emulator, 'GET', `/api/projects/${S3_PROJECT_ID}/runs/`)).json as { data: Json[] }).data.map((run) => run.description);
    const before = emulator.runs.size;
    emulator.faults.inject({ method: 'POST', path: '/api/runs/', fault: { statusBeforeHandling: 504, handleAfterMs: 1_500 } });
    const answer = await call(emulator, 'POST', '/api/runs/', { body: { projectId: S3_PROJECT_ID, description: 'late' } });
    expect(answer).toMatchObject({ status: 504, json: { detail: 'Injected fault (HTTP 504)' } });
    expect(await listed()).not.toContain('late');
    expect(emulator.runs.size).toBe(before);
    now += 1_499;
    expect(await listed()).not.toContain('late');
    now += 1;
    expect((await listed()).filter((description) => description === 'late')).toHaveLength(1);
    expect(emulator.runs.size).toBe(before + 1);
    expect(emulator.handlerErrors).toEqual([]);
  });

  it('reveals cases progressively and reports progress in executionMeta while STARTED', async () => {
    const runId = await createRun(emulator, { ...PASSING_SCENARIO, durationMs: 1000 });
    now += 700;
    const run = firstRun(await call(emulator, 'GET', `/api/runs/${runId}`));
    expect(run.executionMeta).toEqual({ current: 2, total: 3 });
    expect(((await call(emulator, 'GET', `/api/runs/${runId}/test_cases/`)).json as { data: unknown[] }).data).toHaveLength(2);
  });
});
