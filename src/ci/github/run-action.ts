import * as core from '@actions/core';
import { systemClock } from '../../core/clock.js';
import { Inputs } from '../../core/inputs.js';
import { runTests } from '../../core/orchestrator.js';
import { Redactor } from '../../core/redactor.js';
import { redactingHost } from '../../core/safe-host.js';
import { parseSettings, plainHttpWarning } from '../../core/settings.js';
import { useLeanV8Tiers } from '../../runtime/v8-tiers.js';
import { useSmallYoungGeneration } from '../../runtime/young-generation.js';
import { platformFromSettings } from '../../providers/registry.js';
import { describeProxySettings } from '../../http/proxy.js';
import { describeError } from '../describe-error.js';
import { abortOnCancelSignals } from './cancel-signals.js';
import { createGitHubHost, hostedJobLimitWarning, jobUrl } from './github-host.js';
import { maskSecret } from './mask-secret.js';
import { runnerProxy } from './runner-proxy.js';

/**
 * The action, after the entrypoint's required-inputs check: mask secrets,
 * validate inputs, run, and turn one error into one failure. A cancel signal
 * (SIGINT/SIGTERM, SIGBREAK on Windows) aborts the run, which revokes it
 * remotely; a second signal exits at once.
 */
export async function runAction(startedAt: number): Promise<void> {
  useLeanV8Tiers();
  useSmallYoungGeneration();
  const env = process.env;
  const redactor = new Redactor();
  for (const name of [Inputs.ApiToken, Inputs.GithubToken]) maskSecret(redactor, core.getInput(name));
  const cancel = abortOnCancelSignals({ warn: (message) => core.warning(message), exit: (code) => process.exit(code) });
  let apiUrl: URL | undefined;
  try {
    const proxy = runnerProxy(env, redactor);
    const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
    const settings = parseSettings((name) => core.getInput(name), { workspace });
    apiUrl = settings.apiUrl;
    const host = redactingHost(createGitHubHost({ githubToken: settings.githubToken, env }), redactor);
    const platform = platformFromSettings(settings, {
      onSecret: (secret) => maskSecret(redactor, secret),
      debug: host.log.debug,
      info: host.log.info,
      warning: host.log.warning,
      proxy,
    });
    const plainHttp = plainHttpWarning(settings.apiUrl);
    if (plainHttp) host.log.warning(plainHttp);
    const tooLong = hostedJobLimitWarning(settings.timeoutMs, env);
    if (tooLong) host.log.warning(tooLong);
    const proxyLine = describeProxySettings(proxy);
    if (proxyLine) host.log.info(proxyLine);
    try {
      const outcome = await runTests({
        settings,
        host,
        redactor,
        platform,
        clock: systemClock,
        signal: cancel.signal,
        startedAt,
        tempDir: env['RUNNER_TEMP'] ?? settings.resultsPath,
        workspace,
        jobUrl: jobUrl(env),
        describeFailure: (error) => describeError(error, { apiUrl: settings.apiUrl }),
      });
      if (outcome.verdict === 'failed') core.setFailed(outcome.message);
      else host.log.info(outcome.message);
    } finally {
      await platform.close();
    }
  } catch (error) {
    core.setFailed(redactor.redactReadable(describeError(error, { apiUrl })));
    if (error instanceof Error && error.stack) core.debug(redactor.redactReadable(error.stack));
  }
  // Lingering keep-alive sockets or timers must not hold the step open; what was written must still reach the runner.
  await stdoutFlushed(STDOUT_FLUSH_MS);
  process.exit(process.exitCode ?? 0);
}

/** How long the step waits, at most, for its last log lines to be taken by the runner before it exits. */
const STDOUT_FLUSH_MS = 10_000;

/**
 * Resolves once everything written to stdout has been handed to the reader,
 * or after `ms`. A runner reads the step's output through a pipe, which Node
 * writes asynchronously on Linux and macOS: once the pipe is full (64 KiB,
 * a long run log while the runner is busy), writes queue in the process, and
 * process.exit drops the queue, the step's one `::error::` line with it.
 */
function stdoutFlushed(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    process.stdout.write('', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
