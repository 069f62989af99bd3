/**
 * State key (core.saveState) under which the main step keeps the id of a run
 * that may still be running; cleared once the run is over or revoked. Kept in
 * its own dependency-free file so the post step can read it before loading
 * anything.
 */
export const RUN_STATE_KEY = 'run-id';
