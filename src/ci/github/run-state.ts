/**
 * State keys (core.saveState) through which the main step tells the post
 * step what may need cleaning up. Kept in their own dependency-free file so
 * the post step can read them before loading anything.
 */

/** The id of a run that may still be running; cleared once the run is over or revoked. */
export const RUN_STATE_KEY = 'run-id';

/**
 * The path of a file holding the note of a Create Run whose answer had not
 * arrived (see StartJournal); cleared once the platform knew its outcome.
 */
export const START_NOTE_STATE_KEY = 'start-note';
