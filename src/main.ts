import { InputError } from './core/errors.js';
import { RequiredInputs } from './core/inputs.js';
import { failStep, readInput } from './ci/github/workflow-commands.js';

/**
 * GitHub Actions entrypoint. Fails fast, before loading anything heavy, when
 * a required input is missing; everything else (masking, validation, the
 * run, reports) is loaded on demand from run-action.
 */
async function main(): Promise<void> {
  const startedAt = Math.round(performance.timeOrigin);
  const missing = RequiredInputs.find((name) => !readInput(name));
  if (missing) {
    failStep(new InputError(missing, 'a value (this input is required)').message);
    return;
  }
  const { runAction } = await import('./ci/github/run-action.js');
  await runAction(startedAt);
}

void main();
