import { InputError } from './core/errors.js';
import { Inputs, RequiredInputs } from './core/inputs.js';
import { failStep, readInput } from './ci/github/workflow-commands.js';

/**
 * What a missing required input should have held. `api-token` comes from a
 * secret, which GitHub passes as an empty value where it withholds it (a run
 * for a fork's pull request gets none, a run Dependabot triggered only
 * Dependabot's own) and where none is defined under that name: the message
 * says which applies. The event is read only on this path, so a step with
 * its inputs set loads nothing for it.
 */
async function requiredValue(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (name !== Inputs.ApiToken) return 'a value (this input is required)';
  if (env['GITHUB_ACTOR'] === 'dependabot[bot]') {
    return 'a value (this input is required; if it comes from a secret: GitHub passes only Dependabot secrets to a run Dependabot triggered, so add it under Dependabot secrets too)';
  }
  const { isForkPullRequest } = await import('./ci/github/pull-request-event.js');
  if (isForkPullRequest(env)) {
    return (
      'a value (this input is required; if it comes from a secret: GitHub passes no secrets to a run for a pull request from a fork, ' +
      'so skip the step there with if: github.event.pull_request.head.repo.full_name == github.repository)'
    );
  }
  return (
    "a value (this input is required; if it comes from a secret: that secret is empty or not defined under that name for this repository, its organisation or the job's environment)"
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
    failStep(new InputError(missing, await requiredValue(missing, process.env)).message);
    return;
  }
  const { runAction } = await import('./ci/github/run-action.js');
  await runAction(startedAt);
}

// What escapes main (a chunk that cannot be loaded, a throw before runAction's own handling) is still one failure,
// not an unhandled rejection's stack trace.
main().catch((error: unknown) => failStep(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`));
