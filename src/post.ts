import { RUN_STATE_KEY, START_NOTE_STATE_KEY } from './ci/github/run-state.js';

/**
 * Post step: the backstop for cancellation. Most jobs end with nothing left
 * over, so this checks the saved state (STATE_<key>, as the runner passes it)
 * before loading anything.
 */
async function post(): Promise<void> {
  const runId = (process.env[`STATE_${RUN_STATE_KEY}`] ?? '').trim();
  const startNoteFile = (process.env[`STATE_${START_NOTE_STATE_KEY}`] ?? '').trim();
  if (!runId && !startNoteFile) return;
  const { cleanUpAfterMainStep } = await import('./ci/github/post-revoke.js');
  await cleanUpAfterMainStep({ runId, startNoteFile });
}

void post();
