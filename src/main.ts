import * as core from '@actions/core';
import { describeError } from './ci/describe-error.js';
import { InputError } from './core/errors.js';
import { Inputs, RequiredInputs } from './core/inputs.js';
import { Redactor } from './core/redactor.js';

/**
 * GitHub Actions entrypoint: mask secrets, validate inputs, run, and turn one
 * error into one failure. SIGINT/SIGTERM (a cancelled job) abort the run,
 * which revokes it remotely; a second signal exits at once.
 */
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
    for (const name of RequiredInputs) {
      if (!core.getInput(name)) throw new InputError(name, 'a value (this input is required)');
    }
    // Everything else (validation, HTTP, zip, reports) loads only now.
    const { runAction } = await import('./ci/github/run-action.js');
    const outcome = await runAction(redactor, cancel.signal, startedAt);
    if (outcome.verdict === 'failed') core.setFailed(outcome.message);
    else core.info(outcome.message);
  } catch (error) {
    core.setFailed(redactor.redact(describeError(error)));
    if (error instanceof Error && error.stack) core.debug(redactor.redact(error.stack));
  }
  process.exit(process.exitCode ?? 0);
}

void main();
