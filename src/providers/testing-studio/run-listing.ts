/**
 * Reading a project's run list the one way both need it: Create Run's
 * reconciliation after an ambiguous failure, and the clean-up step looking
 * for the run an unanswered Create Run started. The API has no client
 * reference on runs, so "not listed before, with our filters" is what makes
 * a run ours.
 */
import type { RunFilters } from '../../core/model.js';
import type { TsRun } from './schema.js';

/** Where "Get Project Runs" lives (reference: `GET /api/projects/<project_id>/runs/`). */
export function runsPathOf(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/runs/`;
}

/** The runs' ids, for messages that name the candidates. */
export function runIds(runs: readonly TsRun[]): string {
  return runs.map((run) => run.runId).join(', ');
}

/** Runs not in `before` whose filters are ours. */
export function newRunsSince(runs: readonly TsRun[], before: ReadonlySet<string>, filters: RunFilters): TsRun[] {
  return runs.filter((run) => !before.has(run.runId) && sameFilters(run, filters));
}

function sameFilters(run: TsRun, filters: RunFilters): boolean {
  const norm = (value: string | null | undefined): string => value ?? '';
  return (
    norm(run.group) === norm(filters.group) &&
    norm(run.utterance) === norm(filters.utterance) &&
    norm(run.description) === norm(filters.description)
  );
}
