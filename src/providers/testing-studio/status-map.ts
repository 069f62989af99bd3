import type { CaseStatus, RunState } from '../../core/model.js';

/**
 * Testing Studio RunStatus (API reference, "Models › RunStatus (enum)") to our
 * state. Complete: every documented value has an entry. PENDING, STARTED and
 * RETRY are not terminal.
 */
export const RUN_STATUS_MAP = {
  PENDING: 'queued',
  RETRY: 'queued',
  STARTED: 'running',
  SUCCESS: 'passed',
  FAILURE: 'failed',
  REVOKED: 'cancelled',
} as const satisfies Record<string, RunState>;

/** The documented state of a run status, read without case and surrounding spaces; undefined when undocumented. */
function documentedRunState(status: string): RunState | undefined {
  return lookup(RUN_STATUS_MAP, status.trim().toUpperCase());
}

/** Whether the API documents `status` as a run status (case and surrounding spaces aside). */
export function isDocumentedRunStatus(status: string): boolean {
  return documentedRunState(status) !== undefined;
}

/** Map a run status; an undocumented value is treated as still running (we keep polling until the timeout). */
export function mapRunStatus(status: string): RunState {
  return documentedRunState(status) ?? 'running';
}

/**
 * Test case status ("Run Test Case Stats": one of 'pass', 'fail',
 * 'unavailable', 'None'; real servers also answer 'success'). Case-insensitive.
 */
export const CASE_STATUS_MAP = {
  success: 'passed',
  pass: 'passed',
  passed: 'passed',
  fail: 'failed',
  failed: 'failed',
  failure: 'failed',
  unavailable: 'unavailable',
  none: 'unknown',
} as const satisfies Record<string, CaseStatus>;

/** Map a case status; missing or undocumented values are 'unknown'. */
export function mapCaseStatus(status: string | null | undefined): CaseStatus {
  const key = (status ?? 'none').trim().toLowerCase();
  return lookup(CASE_STATUS_MAP, key) ?? 'unknown';
}

/**
 * The map's own entry for `key`. Own keys only: statuses come from the server,
 * and `key in map` would also match what every object inherits (`constructor`,
 * `toString`, `__proto__`), turning a vendor's odd status into a function.
 */
function lookup<V>(map: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
