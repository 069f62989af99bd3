import * as core from '@actions/core';
import { systemClock } from './core/clock.js';
import { runTests } from './core/orchestrator.js';
import { Redactor } from './core/redactor.js';
import { redactingHost } from './core/safe-host.js';
import { Inputs, parseSettings } from './core/settings.js';
import { createGitHubHost, jobUrl } from './ci/github/github-host.js';
import { describeError } from './ci/describe-error.js';
import { createPlatform } from './providers/registry.js';

/** GitHub Actions entrypoint: read inputs, run, turn one error into one failure. */
async function main(): Promise<void> {
  const startedAt = Math.round(performance.timeOrigin);
  const redactor = new Redactor();
  for (const name of [Inputs.ApiToken, Inputs.GithubToken]) {
    const secret = core.getInput(name);
    redactor.add(secret);
    if (secret) core.setSecret(secret);
  }
  const cancel = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (cancel.signal.aborted) process.exit(1);
    core.warning(`Received ${signal}: stopping and revoking the run.`);
    cancel.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const settings = parseSettings((name) => core.getInput(name), { workspace: process.env['GITHUB_WORKSPACE'] ?? process.cwd() });
    const host = redactingHost(createGitHubHost({ githubToken: settings.githubToken, env: process.env }), redactor);
    const onSecret = (secret: string): void => {
      redactor.add(secret);
      if (secret) core.setSecret(secret);
    };
    const platform = createPlatform(settings.platform, {
      apiUrl: settings.apiUrl, token: settings.apiToken, targetId: settings.projectId, clock: systemClock,
      userAgent: 'testing-studio-action', onSecret, debug: host.log.debug, info: host.log.info,
    });
    try {
      const outcome = await runTests({
        settings, host, platform, clock: systemClock, signal: cancel.signal, startedAt,
        tempDir: process.env['RUNNER_TEMP'] ?? settings.resultsPath, workspace: process.env['GITHUB_WORKSPACE'] ?? process.cwd(),
        jobUrl: jobUrl(process.env),
      });
      if (outcome.verdict === 'failed') core.setFailed(outcome.message);
      else core.info(outcome.message);
    } finally {
      await platform.close();
    }
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
    if (error instanceof Error && error.stack) core.debug(redactor.redact(error.stack));
  }
  process.exit(process.exitCode ?? 0);
}

void main();
