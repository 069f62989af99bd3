import { AmbiguousRunError, HttpError, NetworkError } from '../../core/errors.js';
import type { RunFilters } from '../../core/model.js';
import type { CallContext } from '../../core/provider.js';
import type { ApiClient } from '../../http/api-client.js';
import { runEnvelope, runListEnvelope, type TsRun } from './schema.js';

/**
 * Create Run without ever starting two runs.
 *
 * The API has no idempotency key ("Runs › Create Run"), so a POST that fails
 * ambiguously (a 5xx, a 408/429, or a connection lost after the request was
 * sent) may or may not have created a run. Before creating we snapshot the
 * project's run ids; after an ambiguous failure we list them again and adopt
 * the single new run whose filters match ours. If there is none we try once
 * more; if there are several we cannot tell which is ours and fail clearly.
 */
export async function createRunOnce(
  client: ApiClient,
  projectId: string,
  filters: RunFilters,
  ctx: CallContext,
  log: (message: string) => void,
): Promise<TsRun> {
  const runsPath = `/api/projects/${encodeURIComponent(projectId)}/runs/`;
  const before = new Set((await client.getJson(runsPath, runListEnvelope, ctx)).map((run) => run.runId));
  const body = {
    projectId,
    group: filters.group ?? null,
    utterance: filters.utterance ?? null,
    description: filters.description ?? null,
  };
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await client.postJson('/api/runs/', body, runEnvelope, ctx, { idempotent: false });
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      lastError = error;
      log(`Create Run failed ambiguously (${(error as Error).message}); checking whether the run was created.`);
      const fresh = (await client.getJson(runsPath, runListEnvelope, ctx)).filter(
        (run) => !before.has(run.runId) && sameFilters(run, filters),
      );
      const [only] = fresh;
      if (fresh.length === 1 && only) {
        log(`Adopting run ${only.runId}, which the failed request created.`);
        return only;
      }
      if (fresh.length > 1) {
        throw new AmbiguousRunError(
          `Create Run failed (${(error as Error).message}) and ${fresh.length} new runs with the same filters appeared ` +
            `(${fresh.map((run) => run.runId).join(', ')}); cannot tell which one is ours, so none is followed.`,
        );
      }
      log(attempt === 1 ? 'No run was created; trying once more.' : 'No run was created.');
    }
  }
  throw new AmbiguousRunError(`Create Run failed twice without creating a run: ${(lastError as Error).message}`);
}

/** A failure after which the run may or may not exist. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof HttpError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return error instanceof NetworkError && error.maybeSent;
}

function sameFilters(run: TsRun, filters: RunFilters): boolean {
  const norm = (value: string | null | undefined): string => value ?? '';
  return (
    norm(run.group) === norm(filters.group) &&
    norm(run.utterance) === norm(filters.utterance) &&
    norm(run.description) === norm(filters.description)
  );
}
