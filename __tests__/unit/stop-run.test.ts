import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/core/errors.js';
import { LogPrinter } from '../../src/core/log-printer.js';
import type { OrchestratorDeps } from '../../src/core/orchestrator.js';
import { LOG_FLUSH_BUDGET_MS, flushLogs } from '../../src/core/stop-run.js';
import { RecordingHost, ScriptedPlatform } from '../helpers/fakes.js';
import { testDeps } from '../helpers/orchestrator-deps.js';

let workspace: string;
let host: RecordingHost;
let platform: ScriptedPlatform;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'stop-run-'));
  host = new RecordingHost();
  platform = new ScriptedPlatform();
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function deps(): OrchestratorDeps {
  return testDeps({ workspace, host, platform });
}

describe('flushLogs', () => {
  it("says the last log fetch got no answer within its budget, not the bare 'aborted due to timeout'", async () => {
    // What a fetch cut short by its budget's AbortSignal.timeout throws.
    platform.getLogsErrors = [new DOMException('The operation was aborted due to timeout', 'TimeoutError')];
    await flushLogs(deps(), new LogPrinter(host.log), 'run-1');
    expect(host.warnings()).toEqual([`Could not fetch the run's log: no answer within ${LOG_FLUSH_BUDGET_MS / 1000} s`]);
  });

  it("passes on what the server said when the last log fetch was refused", async () => {
    platform.getLogsErrors = [new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1/logs/', 403, 'Not allowed to read logs')];
    await flushLogs(deps(), new LogPrinter(host.log), 'run-1');
    expect(host.warnings()).toEqual(["Could not fetch the run's log: GET http://127.0.0.1:1/api/runs/run-1/logs/ failed with HTTP 403: Not allowed to read logs"]);
  });
});
