/**
 * Platform-neutral data model. Providers map vendor answers onto these types
 * through complete tables; reports and the verdict only ever see these.
 */

/** Our own run state. Vendor statuses are mapped onto it by each provider. */
export type RunState = 'queued' | 'running' | 'passed' | 'failed' | 'cancelled' | 'errored';

/** States after which the run will not change any more. */
export const TERMINAL_STATES: ReadonlySet<RunState> = new Set(['passed', 'failed', 'cancelled', 'errored']);

/** Outcome of one test case. */
export type CaseStatus = 'passed' | 'failed' | 'unavailable' | 'unknown';

/** Filters that narrow which test cases a run executes. Empty strings are never sent. */
export interface RunFilters {
  group?: string;
  utterance?: string;
  description?: string;
}

/** One observation of a remote run. */
export interface RunSnapshot {
  /** The platform's run id. */
  id: string;
  /** Our mapped state. */
  state: RunState;
  /** The vendor's raw status string, e.g. `SUCCESS` (reported as the `status` output). */
  vendorStatus: string;
  /** When the platform created the run (timestamps without a zone are read as UTC). */
  createdAt?: Date;
  /** When the platform finished the run. */
  finishedAt?: Date;
  /** How long the run took, when the platform says so (seconds): the duration when its timestamps are missing. */
  durationSeconds?: number;
  /** Progress, when the platform reports it. */
  progress?: { current: number; total: number };
}

/** One failed assertion inside a test case. */
export interface CaseFailure {
  /** Dialog step index, when known. */
  step?: number;
  /** What was asserted (e.g. `intent`). */
  assertion: string;
  expected: string;
  found: string;
}

/** Result of one test case. */
export interface CaseResult {
  id: string;
  name: string;
  description?: string;
  status: CaseStatus;
  /** The vendor's raw case status (e.g. `success`, `None`). */
  vendorStatus: string;
  /** Execution time in milliseconds. */
  durationMs?: number;
  tries?: number;
  /** Vendor-specific identifiers worth showing (dialog id, golden dialog id …). */
  links?: Record<string, string>;
  failures: CaseFailure[];
  /** General (non-assertion) errors. */
  errors: string[];
  warnings: string[];
}

/** Counts of test cases by outcome. */
export interface CaseCounts {
  passed: number;
  failed: number;
  unavailable: number;
  total: number;
}

/** Everything a finished run produced, apart from the artifact file. */
export interface RunResults {
  counts: CaseCounts;
  cases: CaseResult[];
  /** Names of the suites that ran. */
  suites: string[];
  /** What the platform found amiss in its own answers (counts that disagree), for the report's warnings. */
  warnings?: string[];
}

/** One section of a run's log. */
export interface LogSection {
  /** Stable id; sections without one are keyed by name. */
  id: string;
  name: string;
  /** All lines of the section so far, one entry per line. */
  lines: string[];
  completed: boolean;
}

/** Everything the reports (summary, comment, JUnit) are rendered from. */
export interface RunReport {
  /** Platform display name, e.g. "Testing Studio". */
  platform: string;
  /** Target display name (the project's name). */
  target: string;
  /** Target id (project id); also keys the sticky comment. */
  targetId: string;
  runId?: string;
  /** Vendor status (`SUCCESS`, `FAILURE`, `REVOKED` …) or one of {@link StopStatus}. */
  status: string;
  /** The step's verdict. */
  verdict: 'passed' | 'failed';
  /** One sentence saying why the verdict is what it is. */
  verdictReason: string;
  counts?: CaseCounts;
  durationSeconds?: number;
  filters: RunFilters;
  suites: string[];
  cases: CaseResult[];
  /** Non-fatal problems worth showing (reporting failures, missing artifact …). */
  warnings: string[];
  /** Link back to the CI job, when known. */
  jobUrl?: string;
}

/**
 * The `status` the step reports when it stopped before the run's own final
 * status was known: the timeout passed, the job was cancelled, the run's
 * status could no longer be read (or whether a run was started could not be
 * told), or no run was started at all (the API refused the project, the
 * upload or Create Run).
 */
export const StopStatus = {
  TimedOut: 'TIMED_OUT',
  Cancelled: 'CANCELLED',
  Unknown: 'UNKNOWN',
  NotStarted: 'NOT_STARTED',
} as const;
