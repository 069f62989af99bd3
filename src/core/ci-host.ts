/**
 * Everything CI-specific the orchestrator needs. GitHub Actions and GitLab CI
 * each implement this; the orchestrator never touches `@actions/*` or
 * `process.env` itself.
 */

/** Phase-structured job log. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Run `fn` inside a collapsible section named `title`. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Print a collapsible section of lines that came from the remote platform.
   * The host must make sure neither the title nor the lines can act as CI
   * commands (e.g. `::set-output` or `::add-mask::` on GitHub).
   */
  untrustedSection(title: string, lines: readonly string[]): void;
}

/** Output names the action publishes (mirrored in action.yml). */
export const OUTPUT_NAMES = [
  'run-id',
  'status',
  'passed',
  'failed',
  'unavailable',
  'total',
  'results-path',
  'junit-path',
  'duration-seconds',
] as const;

/** Outputs the action publishes. */
export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

/** What happened to the sticky comment. */
export type CommentResult = 'created' | 'updated' | 'skipped';

export interface CiHost {
  readonly log: Logger;
  /** Mask a secret in the job log from now on. */
  maskSecret(value: string): void;
  /** Append markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
  /**
   * Create or update the one sticky comment on the current pull/merge
   * request: the one written by the CI bot that contains `marker` (a hidden
   * HTML comment that `markdown` also contains). Returns 'skipped' when the
   * job is not running for a pull/merge request.
   */
  upsertComment(marker: string, markdown: string): Promise<CommentResult>;
  setOutputs(outputs: Partial<Outputs>): void;
  /**
   * Upload `dir` as a CI artifact named `name`. Returns the files (relative
   * to `dir`, `/`-separated) left out because the CI's artifact store
   * refuses their names.
   */
  uploadArtifact(name: string, dir: string): Promise<string[]>;
  /** Remember the run id so a post/after step can revoke it if the job dies. */
  rememberRun(runId: string | undefined): void;
  /**
   * Remember, durably and before this returns, a note about a Create Run
   * whose answer has not arrived (see StartJournal), so a post/after step can
   * find the run it started; `undefined` forgets it. Returns false when the
   * note could not be saved (the host has warned about it).
   */
  rememberStartAttempt(note: string | undefined): boolean;
  /**
   * Note that this step writes its results to `dir`; true when an earlier
   * step of the same job already did, so this step replaces that step's
   * files. False when the host cannot tell.
   */
  claimResultsPath(dir: string): boolean;
}
