import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { errorMessage } from '../../core/errors.js';
import { START_NOTE_STATE_KEY } from './run-state.js';

/**
 * Keeps the note of a Create Run whose answer has not arrived (see
 * StartJournal) for the post step. The note goes in a file under RUNNER_TEMP
 * and the state holds only its path: the note lists the project's earlier
 * runs, which can be more than an environment variable (how the runner hands
 * state to the post step) may hold. Both writes are synchronous, so the note
 * is on disk before the request that it describes is sent.
 */
export function startNoteStore(env: NodeJS.ProcessEnv, warn: (message: string) => void): (note: string | undefined) => boolean {
  let current: string | undefined;
  return (note) => {
    const previous = current;
    current = undefined;
    if (note !== undefined) {
      const file = path.join(env['RUNNER_TEMP'] || os.tmpdir(), `testing-studio-start-${randomUUID()}.json`);
      try {
        // 'wx': always a new file, never one an earlier step planted (or a link to one).
        writeFileSync(file, note, { flag: 'wx', mode: 0o600 });
        current = file;
      } catch (error) {
        // Only the clean-up after a killed job needs it: not a reason to stop the run.
        warn(`Could not save a note of Create Run for the post step (${errorMessage(error)}); if the job is killed now, a run it starts is not revoked.`);
      }
    }
    if (current || previous) core.saveState(START_NOTE_STATE_KEY, current ?? '');
    if (previous) rmSync(previous, { force: true });
    return note === undefined || current !== undefined;
  };
}

/** The note at `file` (from the saved state), which the post step reads once and removes. */
export function takeStartNote(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(file, { force: true });
  }
}
