import { InputError } from './core/errors.js';
import { Inputs, RequiredInputs } from './core/inputs.js';
import { failStep, readInput } from './ci/github/workflow-commands.js';

/**
 * What a missing required input should have held. `api-token` comes from a
 * secret, and GitHub gives none to a run for a fork's pull request and only
 * Dependabot's own to a run Dependabot triggered: there the input is empty
 * although the workflow sets it, which the message has to explain.
 */
function requiredValue(name: string, env: NodeJS.ProcessEnv): string {
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  const withheld = (event.startsWith('pull_request') && event !== 'pull_request_target') || env['GITHUB_ACTOR'] === 'dependabot[bot]';
  if (name !== Inputs.ApiToken || !withheld) return 'a value (this input is required)';
  return (
    'a value (this input is required; if it comes from a secret: GitHub passes no secrets to a run for a pull request from a fork, ' +
    'and only Dependabot secrets to a run Dependabot triggered)'
  );
}

/**
 * GitHub Actions entrypoint. Fails fast, before loading anything heavy, when
 * a required input is missing; everything else (masking, validation, the
 * run, reports) is loaded on demand from run-action.
 */
async function main(): Promise<void> {
  const startedAt = Math.round(performance.timeOrigin);
  const missing = RequiredInputs.find((name) => !readInput(name));
  if (missing) {
    failStep(new InputError(missing, requiredValue(missing, process.env)).message);
    return;
  }
  const { runAction } = await import('./ci/github/run-action.js');
  await runAction(startedAt);
}

void main();
