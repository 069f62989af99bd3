import { RUN_STATE_KEY } from './ci/github/run-state.js';

/**
 * Post step: the backstop for cancellation. Most jobs end with no run left
 * over, so this checks the saved state (STATE_<key>, as the runner passes it)
 * before loading anything.
 */
async function post(): Promise<void> {
  const runId = (process.env[`STATE_${RUN_STATE_KEY}`] ?? '').trim();
  if (!runId) return;
  const { revokeLeftoverRun } = await import('./ci/github/post-revoke.js');
  await revokeLeftoverRun(runId);
}

void post();
