import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import type { CallContext } from '../../src/core/provider.js';
import { createApiClient, type ClosableApiClient } from '../../src/http/http-client.js';
import { TestingStudioPlatform } from '../../src/providers/testing-studio/provider.js';
import { FAILING_SCENARIO, GIT_PROJECT_ID, GIT_PROJECT_SECRET, startEmulator, type Emulator } from '../emulator/testing-studio-emulator.js';

let emulator: Emulator;
let client: ClosableApiClient;
const secrets: string[] = [];
const ctx = (): CallContext => ({ signal: new AbortController().signal, deadline: Date.now() + 10_000 });

beforeEach(async () => {
  emulator = await startEmulator();
  client = createApiClient({ baseUrl: new URL(emulator.url), token: emulator.token, userAgent: 'test', clock: new FakeClock(Date.now()) });
  secrets.length = 0;
});
afterEach(async () => {
  await client.close();
  await emulator.close();
});

function platform(): TestingStudioPlatform {
  return new TestingStudioPlatform({ client, projectId: GIT_PROJECT_ID, onSecret: (s) => secrets.push(s), log: () => undefined });
}

describe('TestingStudioPlatform against the emulator', () => {
  it('hands the project git token to onSecret before anything can print it', async () => {
    const target = await platform().prepare({ uploading: false }, ctx());
    expect(target.displayName).toBeTruthy();
    expect(secrets).toContain(GIT_PROJECT_SECRET);
  });

  it('reads counts, failing assertions and suites of a finished run', async () => {
    emulator.script({ ...FAILING_SCENARIO, durationMs: 0 });
    const p = platform();
    const run = await p.startRun({}, ctx());
    const finished = await p.getRun(run.id, ctx());
    expect(finished.state).toBe('failed');
    const results = await p.getResults(run.id, ctx());
    expect(results.counts.failed).toBeGreaterThan(0);
    expect(results.counts.total).toBe(FAILING_SCENARIO.cases?.length);
    expect(results.cases.find((c) => c.status === 'failed')?.failures.length).toBeGreaterThan(0);
    expect(results.suites.length).toBeGreaterThan(0);
  });

  it('treats a 404 from the logs endpoint as no log yet', async () => {
    const p = platform();
    const run = await p.startRun({}, ctx());
    emulator.faults.inject({ method: 'GET', path: /\/logs\/?$/, fault: { status: 404, body: { detail: 'Not found' } } });
    await expect(p.getLogs(run.id, ctx())).resolves.toEqual([]);
  });

  it('revokes a running run', async () => {
    emulator.script({ ...FAILING_SCENARIO, neverFinishes: true });
    const p = platform();
    const run = await p.startRun({}, ctx());
    await p.cancelRun(run.id, ctx());
    expect(emulator.runs.get(run.id)?.revoked).toBe(true);
    expect((await p.getRun(run.id, ctx())).vendorStatus).toBe('REVOKED');
  });
});
