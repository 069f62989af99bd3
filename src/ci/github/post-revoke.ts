import * as core from '@actions/core';
import { budgetedFailure, isNotFound } from '../../core/errors.js';
import { Inputs } from '../../core/inputs.js';
import { TERMINAL_STATES } from '../../core/model.js';
import type { CallContext } from '../../core/provider.js';
import { Redactor } from '../../core/redactor.js';
import { parseSettings } from '../../core/settings.js';
import { platformFromSettings, type ClosablePlatform } from '../../providers/registry.js';
import { describeError } from '../describe-error.js';
import { githubLogger } from './github-logger.js';
import { maskSecret } from './mask-secret.js';
import { runnerProxy } from './runner-proxy.js';
import { takeStartNote } from './start-note.js';
import { timeoutSignal } from '../../core/timeout-signal.js';

/** Budget for revoking the run. */
const POST_REVOKE_BUDGET_MS = 10_000;
/**
 * Budget for finding the run an unanswered Create Run started, when only a
 * note was left: the platform looks for a run that appears late for a while
 * after the request (Testing Studio: LATE_RUN_WINDOW_MS, 15 s), and listing a
 * long history takes time of its own.
 */
const POST_FIND_BUDGET_MS = 20_000;
/**
 * Budget for reading a saved run's status before revoking it. Its own, and
 * short: a status endpoint that hangs or keeps failing must not use up the
 * time the revoke needs (then the revoke is sent anyway).
 */
const POST_STATUS_BUDGET_MS = 3_000;

/** What the main step left behind (its saved state); at least one is set. */
export interface Leftovers {
  /** A run that was started and never seen to end or be revoked. */
  runId: string;
  /** A file holding the note of a Create Run whose answer never arrived. */
  startNoteFile: string;
}

/**
 * Revoke what the main step could not: the run it saved and never cleared
 * (it was killed before it could revoke), or else the run that an
 * unanswered Create Run started, found from the note it left. Never fails
 * the job: problems are warnings.
 */
export async function cleanUpAfterMainStep(left: Leftovers): Promise<void> {
  const redactor = new Redactor();
  maskSecret(redactor, core.getInput(Inputs.ApiToken));
  // Read (and removed) first, so no note outlives the job whatever happens next. A saved run id wins: the note
  // can only be left beside one by a kill between saving the id and dropping the note.
  let note: string | undefined;
  if (left.startNoteFile) {
    try {
      note = takeStartNote(left.startNoteFile);
    } catch (error) {
      if (!left.runId) {
        core.warning(`Could not read the note of the main step's Create Run, so a run it started is not looked for: ${describeError(error)}`);
        return;
      }
    }
  }
  /** What is being done now, for the warning if it fails: which run, and the budget its call has. */
  const phase: Phase = left.runId
    ? { what: `run ${left.runId}`, budgetMs: POST_REVOKE_BUDGET_MS }
    : { what: 'the run an unanswered Create Run may have started', budgetMs: POST_FIND_BUDGET_MS };
  try {
    // Only what revoking needs is checked: the suites folder may be gone by now, and must not stop the revoke.
    const settings = parseSettings((name) => core.getInput(name), {
      workspace: process.env['GITHUB_WORKSPACE'] ?? process.cwd(),
      checkOnDisk: false,
    });
    if (!settings.revokeOnCancel) {
      core.info(
        left.runId
          ? `Run ${left.runId} may still be running (revoke-on-cancel is false).`
          : "A run the main step's unanswered Create Run may have started is not looked for (revoke-on-cancel is false).",
      );
      return;
    }
    const platform = platformFromSettings(settings, {
      onSecret: (secret) => maskSecret(redactor, secret),
      debug: (message) => core.debug(redactor.redactReadable(message)),
      info: (message) => githubLogger.info(redactor.redactReadable(message)),
      warning: (message) => githubLogger.warning(redactor.redactReadable(message)),
      proxy: runnerProxy(process.env, redactor),
    });
    try {
      const message = left.runId ? await revokeSaved(platform, left.runId) : await revokeFromNote(platform, note ?? '', phase);
      githubLogger.info(redactor.redactReadable(message));
    } finally {
      await platform.close();
    }
  } catch (error) {
    // The budget running out is not an unexpected error: said as what it means, not as describeError's "Unexpected error".
    core.warning(redactor.redactReadable(`Could not revoke ${phase.what}: ${budgetedFailure(error, phase.budgetMs, describeError)}`));
  }
}

/**
 * The main step was killed while the run was in progress; it may have ended
 * since. Its status is read first, so an ended run is neither revoked nor
 * said to be; if the status cannot be read, the revoke is still tried (this
 * is the backstop, and a revoke of an ended run is at worst refused).
 */
async function revokeSaved(platform: ClosablePlatform, runId: string): Promise<string> {
  let statusError: unknown;
  const run = await platform.getRun(runId, budget(POST_STATUS_BUDGET_MS)).catch((error: unknown) => void (statusError = error));
  if (run && TERMINAL_STATES.has(run.state)) return `Run ${runId}, which the main step left unfinished, already ended ${run.vendorStatus}; nothing to revoke.`;
  try {
    await platform.cancelRun(runId, budget(POST_REVOKE_BUDGET_MS));
  } catch (error) {
    // Deleted on the server: nothing is left running, which is what this step is for.
    if (isNotFound(error) && isNotFound(statusError)) return `Run ${runId}, which the main step left unfinished, no longer exists on the server (404); nothing to revoke.`;
    throw error;
  }
  return `Revoked run ${runId}, which the main step left running.`;
}

function budget(ms: number): CallContext {
  return { signal: timeoutSignal(ms), deadline: Date.now() + ms };
}

/** A step of the clean-up: what it is about and its time budget, for the warning if it fails. */
interface Phase {
  what: string;
  budgetMs: number;
}

async function revokeFromNote(platform: ClosablePlatform, note: string, phase: Phase): Promise<string> {
  // "The one new run with its filters", not "the run it started": the API names no creator, so a run another job
  // started with the same filters at that moment would look the same (README, Cancellation and timeout).
  const run = await platform.findStartedRun(note, budget(phase.budgetMs));
  const which = "the one new run with the main step's filters since its unanswered Create Run";
  if (!run) return "No new run with the main step's filters appeared since its unanswered Create Run; nothing to revoke.";
  if (TERMINAL_STATES.has(run.state)) return `Run ${run.id}, ${which}, already ended ${run.vendorStatus}.`;
  phase.what = `run ${run.id}, ${which}`;
  phase.budgetMs = POST_REVOKE_BUDGET_MS;
  await platform.cancelRun(run.id, budget(phase.budgetMs));
  return `Revoked run ${run.id}, ${which}.`;
}
