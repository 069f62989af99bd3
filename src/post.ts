import * as core from '@actions/core';
import { systemClock } from './core/clock.js';
import { Redactor } from './core/redactor.js';
import { Inputs, parseSettings } from './core/settings.js';
import { RUN_STATE_KEY } from './ci/github/github-host.js';
import { describeError } from './ci/describe-error.js';
import { createPlatform } from './providers/registry.js';

/** Budget for the backstop revoke. */
const POST_REVOKE_BUDGET_MS = 10_000;

/**
 * Post step: the backstop for cancellation. If the main step saved a run id
 * and did not clear it (killed before it could revoke), revoke the run now.
 * Never fails the job: problems are warnings.
 */
async function post(): Promise<void> {
  const runId = core.getState(RUN_STATE_KEY);
  if (!runId) return;
  const redactor = new Redactor();
  redactor.add(core.getInput(Inputs.ApiToken));
  try {
    const settings = parseSettings((name) => core.getInput(name), { workspace: process.env['GITHUB_WORKSPACE'] ?? process.cwd() });
    if (!settings.revokeOnCancel) return;
    const platform = createPlatform(settings.platform, {
      apiUrl: settings.apiUrl, token: settings.apiToken, targetId: settings.projectId, clock: systemClock,
      userAgent: 'testing-studio-action', onSecret: (s) => redactor.add(s), debug: core.debug, info: core.info,
    });
    try {
      const ctx = { signal: AbortSignal.timeout(POST_REVOKE_BUDGET_MS), deadline: Date.now() + POST_REVOKE_BUDGET_MS };
      await platform.cancelRun(runId, ctx);
      core.info(`Revoked run ${runId}, which the main step left running.`);
    } finally {
      await platform.close();
    }
  } catch (error) {
    core.warning(redactor.redact(`Could not revoke run ${runId}: ${describeError(error)}`));
  }
}

void post();
