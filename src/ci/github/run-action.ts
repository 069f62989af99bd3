import * as core from '@actions/core';
import { systemClock } from '../../core/clock.js';
import { runTests, type Outcome } from '../../core/orchestrator.js';
import type { Redactor } from '../../core/redactor.js';
import { redactingHost } from '../../core/safe-host.js';
import { parseSettings } from '../../core/settings.js';
import { createPlatform } from '../../providers/registry.js';
import { createGitHubHost, jobUrl } from './github-host.js';

/**
 * Everything after the required-inputs check, loaded on demand by the entrypoint so
 * that failing fast on bad input does not pay for loading the HTTP stack.
 */
export async function runAction(redactor: Redactor, signal: AbortSignal, startedAt: number): Promise<Outcome> {
  const env = process.env;
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const settings = parseSettings((name) => core.getInput(name), { workspace });
  const host = redactingHost(createGitHubHost({ githubToken: settings.githubToken, env }), redactor);
  const platform = createPlatform(settings.platform, {
    apiUrl: settings.apiUrl,
    token: settings.apiToken,
    targetId: settings.projectId,
    clock: systemClock,
    userAgent: 'testing-studio-action',
    onSecret: (secret) => {
      redactor.add(secret);
      if (secret) core.setSecret(secret);
    },
    debug: host.log.debug,
    info: host.log.info,
  });
  try {
    return await runTests({
      settings,
      host,
      platform,
      clock: systemClock,
      signal,
      startedAt,
      tempDir: env['RUNNER_TEMP'] ?? settings.resultsPath,
      workspace,
      jobUrl: jobUrl(env),
    });
  } finally {
    await platform.close();
  }
}
