import * as core from '@actions/core';
import { Inputs } from '../../core/inputs.js';
import { Redactor } from '../../core/redactor.js';
import { parseSettings } from '../../core/settings.js';
import { platformFromSettings } from '../../providers/registry.js';
import { describeError } from '../describe-error.js';
import { githubLogger } from './github-logger.js';
import { maskSecret } from './mask-secret.js';
import { runnerProxy } from './runner-proxy.js';

/** Budget for the backstop revoke. */
const POST_REVOKE_BUDGET_MS = 10_000;

/**
 * Revoke `runId`, which the main step saved and never cleared (it was killed
 * before it could revoke). Never fails the job: problems are warnings.
 */
export async function revokeLeftoverRun(runId: string): Promise<void> {
  const redactor = new Redactor();
  maskSecret(redactor, core.getInput(Inputs.ApiToken));
  try {
    // Only what revoking needs is checked: the suites folder may be gone by now, and must not stop the revoke.
    const settings = parseSettings((name) => core.getInput(name), {
      workspace: process.env['GITHUB_WORKSPACE'] ?? process.cwd(),
      checkSuitesOnDisk: false,
    });
    if (!settings.revokeOnCancel) {
      core.info(`Run ${runId} may still be running (revoke-on-cancel is false).`);
      return;
    }
    const platform = platformFromSettings(settings, {
      onSecret: (secret) => maskSecret(redactor, secret),
      debug: (message) => core.debug(redactor.redact(message)),
      info: (message) => githubLogger.info(redactor.redact(message)),
      proxy: runnerProxy(process.env, redactor),
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
