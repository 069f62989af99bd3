/**
 * Reading a project's run list the one way both need it: Create Run's
 * reconciliation after an ambiguous failure, and the clean-up step looking
 * for the run an unanswered Create Run started. The API has no client
 * reference on runs, so "not listed before, with our filters" is what makes
 * a run ours.
 */
import type { RunFilters } from '../../core/model.js';
import type { CallContext } from '../../core/provider.js';
import type { ApiClient } from '../../http/api-client.js';
import { describeIssues } from '../../http/response-detail.js';
import { runListEnvelope, runSchema, type TsListedRun, type TsRun } from './schema.js';

/**
 * The most JSON one run listing may hold. Get Project Runs answers the
 * project's whole history in one answer (the reference documents no paging),
 * ~600 bytes a run: the default 32 MiB would stop every Create Run of a
 * project past ~55,000 runs; 128 MiB holds ~220,000. Read only when a run is
 * started or looked for, and dropped at once but for the ids.
 */
export const MAX_RUN_LIST_JSON_BYTES = 128 * 1024 * 1024;

/** Where "Get Project Runs" lives (reference: `GET /api/projects/<project_id>/runs/`). */
export function runsPathOf(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/runs/`;
}

/** The project's runs, as far as telling them apart needs (see listedRunSchema). */
export function listRuns(client: ApiClient, projectId: string, ctx: CallContext): Promise<TsListedRun[]> {
  return client.getJson(runsPathOf(projectId), runListEnvelope, ctx, { maxBytes: MAX_RUN_LIST_JSON_BYTES });
}

/** The runs' ids, for messages that name the candidates. */
export function runIds(runs: readonly { runId: string }[]): string {
  return runs.map((run) => run.runId).join(', ');
}

/**
 * Runs not in `before` whose filters are ours, or may be: one listed with a
 * filter of another type (a group "2024" sent back as the number 2024)
 * cannot be ruled out, and leaving it out would make a run the failed
 * request started look like none, and Create Run be sent again.
 */
export function newRunsSince(runs: readonly TsListedRun[], before: ReadonlySet<string>, filters: RunFilters): TsListedRun[] {
  return runs.filter((run) => !before.has(run.runId) && mayHaveFilters(run, filters));
}

/**
 * A listed run taken as ours, read as a whole Run, as it is followed (or
 * revoked) from here; what did not match when it cannot be.
 */
export function readListedRun(listed: TsListedRun): TsRun | { problems: string } {
  const parsed = runSchema.safeParse(listed);
  return parsed.success ? parsed.data : { problems: describeIssues(parsed.error.issues) };
}

function mayHaveFilters(run: TsListedRun, filters: RunFilters): boolean {
  // An empty filter is sent as null. A listed value that is neither a string nor null cannot be compared.
  const matches = (value: unknown, ours: string | undefined): boolean =>
    value === null || value === undefined ? !ours : typeof value === 'string' ? value === (ours ?? '') : true;
  return matches(run.group, filters.group) && matches(run.utterance, filters.utterance) && matches(run.description, filters.description);
}
