import { systemClock, type Clock } from '../../core/clock.js';
import { AmbiguousRunError, HttpError, NetworkError, ResponseShapeError, errorMessage, isAbortError } from '../../core/errors.js';
import type { RunFilters } from '../../core/model.js';
import type { CallContext, StartJournal } from '../../core/provider.js';
import type { ApiClient } from '../../http/api-client.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from '../../http/retry-policy.js';
import { listRuns, newRunsSince, readListedRun, runIds } from './run-listing.js';
import { runEnvelope, type TsListedRun, type TsRun } from './schema.js';
import type { StartNote } from './start-note.js';

/** How {@link createRunOnce} waits between tries. */
export interface CreateRunTiming {
  /** All waiting goes through `clock.sleep`; `ctx.deadline` is read on this clock. */
  clock?: Clock;
  /** Backoff numbers and the attempt limit; the client's defaults when omitted. */
  policy?: RetryPolicy;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** How long to keep looking for a late run after an ambiguous failure; {@link CREATE_SETTLE_POLICY} when omitted. */
  settle?: CreateSettlePolicy;
}

/** How {@link createRunOnce} looks for a run an ambiguous Create Run may still start, before it posts again. */
export interface CreateSettlePolicy {
  /**
   * The waits before each further listing, in order. The POST is sent again
   * only when every listing (the one at once and one after each wait) shows
   * no new run with our filters.
   */
  recheckDelaysMs: readonly number[];
}

/**
 * Three more listings, 1 s, 2 s and 4 s apart: 7 s in all. A 5xx or a lost
 * connection does not mean the backend dropped the request: a gateway may
 * answer 504 at once and still hand it on, and the run then appears a moment
 * later. One listing taken milliseconds after the failure cannot see that
 * run, and posting again would start a second one. Create Run is synchronous
 * on the server (its answer is the created run), so a run it was going to
 * create shows within the second or so a request takes, a few seconds when
 * the server is struggling; the gaps grow so the likely moments are checked
 * soon without listing a struggling server every second. 7 s is little next
 * to a test run, and is only spent on this rare path; a run that appears
 * even later is still named by the warning after the second POST, and the
 * job's clean-up step looks for it when the step fails.
 */
export const CREATE_SETTLE_POLICY: CreateSettlePolicy = { recheckDelaysMs: [1_000, 2_000, 4_000] };

/** {@link createRunOnce}'s options: its timing, the journal told about each POST, and where warnings go. */
export interface CreateRunOptions extends CreateRunTiming {
  journal?: StartJournal;
  /**
   * A warning-level log line: a run that may be a duplicate must stand out
   * in the job log, not scroll by among the info lines. `log` when omitted.
   */
  warning?: (message: string) => void;
}

/**
 * Create Run without ever starting two runs.
 *
 * The API has no idempotency key ("Runs › Create Run"), so a POST that fails
 * ambiguously (a 5xx, a 408, or a connection lost after the request was sent)
 * may or may not have created a run. Before creating we snapshot the
 * project's run ids; after an ambiguous failure we list them again and adopt
 * the single new run whose filters match ours. If there is none, we keep
 * listing over a settle window ({@link CREATE_SETTLE_POLICY}), since the run
 * may appear late, and only then try once more (after whatever is left of
 * the backoff); if there are several we cannot tell which is ours and fail
 * clearly. When that second POST succeeds we list once more and warn of any
 * other new run with our filters: the failed request may have started it
 * even later. It is not revoked, as it could be another job's.
 *
 * Two answers are not ambiguous:
 * - a 429 says the server refused the request unprocessed, so it is retried
 *   like an idempotent call (Retry-After, capped jittered backoff, the same
 *   attempt limit, never past the deadline) without using up the one extra try;
 * - a 2xx whose body we cannot read says the run certainly exists, so we
 *   never POST again: we adopt it from the listing, or fail saying a run was
 *   probably created.
 *
 * Once `ctx.stopping` is aborted (cancel or timeout) no further POST is sent
 * and no backoff or settle wait is waited out: we throw `ctx.stopping.reason`
 * as it is. No wait runs past `ctx.deadline`.
 *
 * Before the first POST, `options.journal` gets a note (the runs listed
 * before and our filters). When we give up knowing that nothing was started
 * it is told so; otherwise (a request abandoned in flight, a listing that
 * failed or found several new runs) the note stays, and a later step can
 * find the run with `findStartedRun` (start-note.ts).
 */
export async function createRunOnce(
  client: ApiClient,
  projectId: string,
  filters: RunFilters,
  ctx: CallContext,
  log: (message: string) => void,
  options: CreateRunOptions = {},
): Promise<TsRun> {
  const clock = options.clock ?? systemClock;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const settle = options.settle ?? CREATE_SETTLE_POLICY;
  const warning = options.warning ?? log;
  /** Once the step is stopping, no request that could start a run is sent: throw the stop's own reason. */
  const stopIfStopping = (): void => {
    if (ctx.stopping?.aborted) throw ctx.stopping.reason;
  };
  stopIfStopping();
  const before = new Set((await listRuns(client, projectId, ctx)).map((run) => run.runId));
  const note: Omit<StartNote, 'sentAt'> = { v: 1, projectId, filters, before: [...before] };
  const body = {
    projectId,
    group: filters.group ?? null,
    utterance: filters.utterance ?? null,
    description: filters.description ?? null,
  };

  /** Runs listed now that were not listed before the first POST, with our filters. */
  const listNewRuns = async (): Promise<TsListedRun[]> => newRunsSince(await listRuns(client, projectId, ctx), before, filters);

  /**
   * New runs with our filters, or AmbiguousRunError when the listing itself
   * fails. Sent even when the step is stopping (within `ctx.signal`'s grace):
   * a POST that may have created a run has gone out, and adopting that run is
   * what lets it be revoked.
   */
  const newRunsAfter = async (what: string, fate: string): Promise<TsListedRun[]> => {
    try {
      return await listNewRuns();
    } catch (error) {
      // Cancellation and the deadline keep their own meaning for the orchestrator.
      if (ctx.signal.aborted || isAbortError(error)) throw error;
      throw new AmbiguousRunError(`${what} and the project's runs could not be listed (${errorMessage(error)}); ${fate}.`, {
        cause: error,
      });
    }
  };

  /** Every wait ends early, with the signal's reason, once the step is stopping or its calls are aborted. */
  const waitSignal = ctx.stopping ? AbortSignal.any([ctx.stopping, ctx.signal]) : ctx.signal;

  /**
   * Waits before the next POST, or returns false when that POST would start
   * after the deadline. `waitedMs` (the settle window) counts towards the
   * backoff, so a Retry-After is honoured from the failed answer, not added
   * on top of the time already spent.
   */
  const backoff = async (attempt: number, retryAfterMs: number | undefined, what: string, waitedMs = 0): Promise<boolean> => {
    const delay = Math.max(0, retryDelayMs(policy, attempt, random, retryAfterMs) - waitedMs);
    if (clock.now() + delay > ctx.deadline) {
      log(`${what}; not trying again: the next attempt would start after the deadline.`);
      return false;
    }
    if (delay === 0) {
      log(`${what}; trying again.`);
      return true;
    }
    log(`${what}; trying again in ${(delay / 1000).toFixed(1)}s.`);
    await clock.sleep(delay, waitSignal);
    return true;
  };

  /**
   * After an ambiguous failure whose first listing showed no new run: lists
   * again after each of the settle policy's waits, returning the new runs
   * with our filters as soon as any appear, or [] when none did. A gateway
   * may answer 5xx before it hands the request on, so the run can appear
   * late; posting again before it does would start a second one.
   */
  const settleWindow = async (error: HttpError | NetworkError): Promise<TsListedRun[]> => {
    for (const gap of settle.recheckDelaysMs) {
      // No wait while stopping: the note stays, and the clean-up step looks for the run.
      stopIfStopping();
      if (clock.now() + gap > ctx.deadline) {
        log('No new run is listed yet; not waiting longer for one: the next look would be after the deadline.');
        throw new AmbiguousRunError(
          `Create Run failed (${error.message}) and no new run was listed before the deadline; ` +
            'a run may still have been started, so it is not tried again.',
          { cause: error },
        );
      }
      log(`No new run is listed yet; looking again in ${(gap / 1000).toFixed(1)}s, as the failed request may still start one.`);
      await clock.sleep(gap, waitSignal);
      const fresh = await newRunsAfter(`Create Run failed (${error.message})`, 'a run may have been started');
      if (fresh.length > 0) return fresh;
    }
    return [];
  };

  /**
   * After a POST that followed an ambiguous failure succeeded: warns of any
   * other new run with our filters, which the failed request may have started
   * after the settle window. Never revoked (it could be another job's) and
   * never a reason to fail: our run exists and must be returned, so that it
   * is followed, or revoked when the step is stopping.
   */
  const warnOfLateTwin = async (created: TsRun, failure: string): Promise<void> => {
    if (ctx.signal.aborted) return;
    let others: TsListedRun[];
    try {
      others = (await listNewRuns()).filter((run) => run.runId !== created.runId);
    } catch (error) {
      log(`Could not list the project's runs to check for a duplicate the failed Create Run may have started (${errorMessage(error)}).`);
      return;
    }
    if (others.length === 0) return;
    const named = others.length === 1 ? `Run ${runIds(others)}` : `Runs ${runIds(others)}`;
    warning(
      `${named}, with the same filters as run ${created.runId}, also appeared since Create Run was first sent: ` +
        `possibly a duplicate started late by the request that failed (${failure}). It was left alone, as it could be ` +
        "another job's; revoke it in Testing Studio if it is not needed.",
    );
  };

  /**
   * Whether the note was announced, and whether every POST since was refused
   * outright. Only then do we tell the journal nothing was started: after any
   * other failure a run may still appear (a gateway that timed out may hand
   * the request on late), even if a listing showed none yet.
   */
  let announced = false;
  /** Set when the one extra POST is about to be sent: its note names when it was sent. */
  let renote = false;
  let refusedOnly = true;
  /** The ambiguous failure the one extra POST follows, once it has been sent. */
  let retriedAfter: string | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      stopIfStopping();
      // Announced before the first POST, and again before the one extra POST after an ambiguous failure, so the
      // clean-up step's window for a late run (start-note.ts) counts from the request it may have started; the journal
      // keeps the note until we say nothing was started.
      if (!announced || renote) options.journal?.sending(JSON.stringify({ ...note, sentAt: clock.now() }));
      announced = true;
      renote = false;
      let created: TsRun;
      try {
        created = await client.postJson('/api/runs/', body, runEnvelope, ctx, { idempotent: false });
      } catch (error) {
        // The client throws the stop's own reason only instead of sending.
        if (!isRefusal(error) && !(ctx.stopping?.aborted && error === ctx.stopping.reason)) refusedOnly = false;
        // Answered 2xx but unreadable, or lost while its body was read: the run exists, so never POST again.
        if (error instanceof ResponseShapeError || (error instanceof NetworkError && error.answeredStatus !== undefined && error.method === 'POST')) {
          const fresh = await newRunsAfter(unreadableSuccess(error), 'a run was probably started');
          return adoptAfterSuccess(error, fresh, log);
        }
        if (error instanceof HttpError && error.status === 429 && error.method === 'POST') {
          // Refused unprocessed: when stopping, say "nothing was started" rather than the 429.
          stopIfStopping();
          if (attempt >= policy.maxAttempts) {
            log(`Create Run was refused with HTTP 429 ${attempt} times; giving up.`);
            throw error;
          }
          if (!(await backoff(attempt, error.retryAfterMs, 'Create Run was refused with HTTP 429 (not processed)'))) throw error;
          continue;
        }
        if (!isAmbiguous(error)) throw error;
        log(`Create Run failed ambiguously (${error.message}); checking whether the run was created.`);
        const failedAt = clock.now();
        const listed = await newRunsAfter(`Create Run failed (${error.message})`, 'a run may have been started');
        // Before the one extra POST only: after the second failure nothing more is sent, and the note stays.
        const fresh = listed.length === 0 && retriedAfter === undefined ? await settleWindow(error) : listed;
        const [only] = fresh;
        if (fresh.length === 1 && only) {
          // Not said as certain: the API names no creator, so a matrix job's run with the same filters looks just like ours.
          log(
            `Adopting run ${only.runId}, the one new run with the same filters since Create Run was sent, as the run the failed request started. ` +
              'The API does not say who started a run: if another job started one with the same filters meanwhile, it may be that job\'s ' +
              '(jobs that run at the same time on one project with the same filters cannot be told apart: serialise them with a concurrency group).',
          );
          return adopted(only, `Create Run failed (${error.message})`);
        }
        if (fresh.length > 1) {
          throw new AmbiguousRunError(
            `Create Run failed (${error.message}) and ${fresh.length} new runs with the same filters appeared ` +
              `(${runIds(fresh)}); cannot tell which one is ours, so none is followed.`,
          );
        }
        if (retriedAfter !== undefined) {
          log('No new run is listed.');
          throw new AmbiguousRunError(`Create Run failed twice and no new run is listed: ${error.message}`);
        }
        retriedAfter = error.message;
        renote = true;
        // No new run is listed yet: when stopping, nothing more is sent, and the note stays for the clean-up step.
        stopIfStopping();
        const retryAfterMs = error instanceof HttpError ? error.retryAfterMs : undefined;
        if (!(await backoff(attempt, retryAfterMs, 'No new run is listed', clock.now() - failedAt))) {
          throw new AmbiguousRunError(
            `Create Run failed (${error.message}) and no new run is listed; sending it again would start after the deadline. ` +
              'A run may still have been started.',
            { cause: error },
          );
        }
        continue;
      }
      if (retriedAfter !== undefined) await warnOfLateTwin(created, retriedAfter);
      return created;
    }
  } catch (error) {
    if (announced && refusedOnly) options.journal?.nothingStarted();
    // After an ambiguous failure, whatever ends the attempt (the one extra POST refused, 429s that outlast it), the
    // first request may still have started a run: say so, rather than the last answer alone. A stop keeps its reason.
    const stop = isAbortError(error) || ctx.signal.aborted || (ctx.stopping?.aborted === true && error === ctx.stopping.reason);
    if (retriedAfter !== undefined && !stop && !(error instanceof AmbiguousRunError)) {
      throw new AmbiguousRunError(
        `Create Run failed (${retriedAfter}) and no new run is listed; sending it again then failed (${errorMessage(error)}). ` +
          'A run may still have been started.',
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Create Run answered 2xx, so a run exists, but the answer could not be read.
 * Adopt the single new run with our filters; anything else is reported as a
 * run that was probably created, never as a reason to POST again.
 */
function adoptAfterSuccess(error: ResponseShapeError | NetworkError, fresh: readonly TsListedRun[], log: (message: string) => void): TsRun {
  const [only] = fresh;
  if (fresh.length === 1 && only) {
    log(`${unreadableSuccess(error)}; adopting run ${only.runId}, the one new run with our filters.`);
    return adopted(only, unreadableSuccess(error));
  }
  const found =
    fresh.length === 0
      ? 'no new run with the same filters is listed'
      : `${fresh.length} new runs with the same filters are listed (${runIds(fresh)})`;
  throw new AmbiguousRunError(
    `${unreadableSuccess(error)}; a run was probably created and could not be identified (${found}), so none is followed.`,
    { cause: error },
  );
}

/**
 * The run adopted from the listing, read as a whole Run (the listing is read
 * leniently, see listedRunSchema): one that cannot be is a run that exists
 * and cannot be followed, said as such.
 */
function adopted(listed: TsListedRun, failure: string): TsRun {
  const run = readListedRun(listed);
  if ('runId' in run) return run;
  throw new AmbiguousRunError(
    `${failure}; run ${listed.runId}, the one new run with our filters, is listed, but in a shape that cannot be followed (${run.problems}).`,
  );
}

function unreadableSuccess(error: ResponseShapeError | NetworkError): string {
  return `Create Run succeeded but its answer could not be read (${error.message})`;
}

/**
 * An answer that says the POST started nothing: a 4xx other than 408 (a 429
 * included), or a connection that failed before the request was sent. Not an
 * abort: a request abandoned in flight may still have started a run.
 */
function isRefusal(error: unknown): boolean {
  // A failure named for another method is on a hop after a redirect (a 303 turns the POST into a GET): the POST
  // itself was answered, and may have created the run.
  if (error instanceof HttpError) return error.method === 'POST' && error.status >= 400 && error.status < 500 && error.status !== 408;
  return error instanceof NetworkError && error.method === 'POST' && !error.maybeSent;
}

/**
 * A failure after which the run may or may not exist: a 5xx or 408, a
 * connection lost after sending, or any failure after the POST was answered
 * with a redirect. A 429 is not one: the server did not process it.
 */
function isAmbiguous(error: unknown): error is HttpError | NetworkError {
  if (error instanceof HttpError) return error.method !== 'POST' || error.status >= 500 || error.status === 408;
  return error instanceof NetworkError && error.maybeSent;
}
