import { z } from 'zod';
import { systemClock, type Clock } from '../../core/clock.js';
import { AmbiguousRunError, ResponseShapeError } from '../../core/errors.js';
import type { CallContext } from '../../core/provider.js';
import type { ApiClient } from '../../http/api-client.js';
import { listRuns, newRunsSince, readListedRun, runIds, runsPathOf } from './run-listing.js';
import { RUN_ID_PATTERN, type TsRun } from './schema.js';

/**
 * How old a Create Run note may be for {@link findStartedRun} to act on it.
 * The API has no client reference on runs, so "the one new run with our
 * filters" is all that identifies ours; the longer after the POST, the
 * likelier that run is another job's. A post step normally runs seconds after
 * its main step was cancelled or killed.
 */
export const START_NOTE_MAX_AGE_MS = 15 * 60_000;

/**
 * How long after the unanswered Create Run was sent {@link findStartedRun}
 * keeps looking for the run it started, once a second. A gateway may answer
 * (or the step be cancelled) before the backend has created the run, and the
 * step stops waiting for it once stopping (see CREATE_SETTLE_POLICY): the
 * run can appear seconds after the clean-up step first looks. 15 s covers
 * the step's 2 s grace and the 7 s its own settle window would have waited.
 */
export const LATE_RUN_WINDOW_MS = 15_000;
/** The gap between listings while looking for a late run. */
const LATE_RUN_RECHECK_MS = 1_000;

/**
 * The note a Create Run leaves in the journal: the project's runs before it
 * and our filters, which is all {@link findStartedRun} needs to tell the run
 * it started, in the same way createRunOnce's reconciliation does.
 */
const startNoteSchema = z.object({
  v: z.literal(1),
  projectId: z.string(),
  filters: z.object({ group: z.string().optional(), utterance: z.string().optional(), description: z.string().optional() }),
  before: z.array(z.string()),
  /** When the POST it describes was sent (the first, or the one extra after an ambiguous failure), on the runner's clock. */
  sentAt: z.number(),
});
export type StartNote = z.output<typeof startNoteSchema>;

/**
 * For a later process: the run started by the Create Run that `noteText`
 * (left by {@link createRunOnce} in its journal) describes. The same rule as
 * the reconciliation after an ambiguous failure: the one run with our filters
 * that was not listed before; `undefined` when there is none by
 * {@link LATE_RUN_WINDOW_MS} after the request was sent (or by `ctx.deadline`).
 * A run listed in a shape that cannot be read as a whole Run is still
 * returned by its id, when that is a plain identifier: revoking it needs
 * nothing more, and this is the backstop.
 */
export async function findStartedRun(
  client: ApiClient,
  projectId: string,
  noteText: string,
  ctx: CallContext,
  clock: Clock = systemClock,
): Promise<TsRun | { runId: string } | undefined> {
  const note = readStartNote(noteText);
  if (note.projectId !== projectId) {
    throw new AmbiguousRunError(`The saved Create Run note is for project ${note.projectId}, not ${projectId}; nothing is revoked.`);
  }
  const ageMs = clock.now() - note.sentAt;
  if (ageMs > START_NOTE_MAX_AGE_MS) {
    throw new AmbiguousRunError(
      `The unanswered Create Run was sent ${Math.round(ageMs / 60_000)} minutes ago: too long ago to tell a run it started ` +
        'from runs started since by others, so none is revoked.',
    );
  }
  const before = new Set(note.before);
  for (;;) {
    const fresh = newRunsSince(await listRuns(client, projectId, ctx), before, note.filters);
    if (fresh.length > 1) {
      throw new AmbiguousRunError(
        `${fresh.length} runs with the same filters were started since the unanswered Create Run ` +
          `(${runIds(fresh)}); cannot tell which one it started, so none is revoked.`,
      );
    }
    const [only] = fresh;
    if (only) {
      const run = readListedRun(only);
      if (!('problems' in run)) return run;
      if (RUN_ID_PATTERN.test(only.runId)) return { runId: only.runId };
      throw new ResponseShapeError(runsPathOf(projectId), `run ${JSON.stringify(only.runId.slice(0, 100))}: ${run.problems}`);
    }
    const next = clock.now() + LATE_RUN_RECHECK_MS;
    if (next > note.sentAt + LATE_RUN_WINDOW_MS || next > ctx.deadline) return undefined;
    await clock.sleep(LATE_RUN_RECHECK_MS, ctx.signal);
  }
}

function readStartNote(text: string): StartNote {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = startNoteSchema.safeParse(json);
  if (!parsed.success) throw new AmbiguousRunError('The saved Create Run note could not be read; cannot tell which run it started.');
  return parsed.data;
}
