import { RUN_STATE_KEY, START_NOTE_STATE_KEY } from './ci/github/run-state.js';
import { escapeCommandData } from './ci/github/workflow-commands.js';

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

// The clean-up never fails the job: what escapes it (a chunk that cannot be loaded) is one warning, not an unhandled
// rejection's stack trace and a failed step.
post().catch((error: unknown) => {
  const why = error instanceof Error ? error.message : String(error);
  process.stdout.write(`::warning::${escapeCommandData(`Could not clean up after the main step: ${why}`)}\n`);
});
