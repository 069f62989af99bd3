import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/core/errors.js';
import { LogPrinter } from '../../src/core/log-printer.js';
import type { OrchestratorDeps } from '../../src/core/orchestrator.js';
import { LOG_FLUSH_BUDGET_MS, flushLogs } from '../../src/core/stop-run.js';
import { orchestratorScene } from '../helpers/orchestrator-scene.js';

const scene = orchestratorScene();

function deps(): OrchestratorDeps {
  return scene.deps(scene.settings());
}

describe('flushLogs', () => {
  it("says the last log fetch got no answer within its budget, not the bare 'aborted due to timeout'", async () => {
    // What a fetch cut short by its budget's AbortSignal.timeout throws.
    scene.platform.getLogsErrors = [new DOMException('The operation was aborted due to timeout', 'TimeoutError')];
    await flushLogs(deps(), new LogPrinter(scene.host.log), 'run-1');
    expect(scene.host.warnings()).toEqual([`Could not fetch the run's log: no answer within ${LOG_FLUSH_BUDGET_MS / 1000} s`]);
  });

  it("passes on what the server said when the last log fetch was refused", async () => {
    scene.platform.getLogsErrors = [new HttpError('GET', 'http://127.0.0.1:1/api/runs/run-1/logs/', 403, 'Not allowed to read logs')];
    await flushLogs(deps(), new LogPrinter(scene.host.log), 'run-1');
    expect(scene.host.warnings()).toEqual(["Could not fetch the run's log: GET http://127.0.0.1:1/api/runs/run-1/logs/ failed with HTTP 403: Not allowed to read logs"]);
  });

  it('says the job was cancelled, not the signal the abort carries, when a cancel cuts the last log fetch short', async () => {
    const cancel = new AbortController();
    cancel.abort(new Error('received SIGINT'));
    scene.platform.getLogsErrors = [new Error('received SIGINT')];
    await flushLogs(scene.deps(scene.settings(), cancel.signal), new LogPrinter(scene.host.log), 'run-1');
    expect(scene.host.warnings()).toEqual(["Could not fetch the run's log: the job was cancelled"]);
  });
});
