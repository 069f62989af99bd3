import type { LogSection, RunFilters, RunResults, RunSnapshot } from './model.js';

/** Passed to every remote call: cancellation and the step's deadline. */
export interface CallContext {
  /** Aborted when the job is cancelled or the deadline passes. */
  signal: AbortSignal;
  /** Epoch milliseconds after which no request may be started or retried. */
  deadline: number;
  /**
   * Set only for Create Run: aborted when the step wants to stop while
   * `signal` still lets a request in flight finish. Once it is aborted the
   * platform must send nothing that could start a run, and throw
   * `stopping.reason` as it is; only finding out what an already-sent
   * request created (so that run can be revoked) is still allowed.
   */
  stopping?: AbortSignal;
}

/**
 * Told about a Create Run whose outcome could outlive this process: the job
 * may be killed, or the step may give up waiting, while a request that could
 * start a run is in flight. Whatever the journal holds when the step ends is
 * handed to {@link TestPlatform.findStartedRun} by the job's clean-up step
 * (GitHub's `post`), so the run that request started can still be revoked.
 */
export interface StartJournal {
  /**
   * Called right before a request that could start a run is sent. `note` is
   * opaque to everyone but the platform (plain text, e.g. JSON) and says how
   * to tell the run that request starts from others. The journal must have
   * stored it durably when this returns.
   */
  sending(note: string): void;
  /** Called when the platform knows that nothing it sent started a run (it was refused, or none appeared). */
  nothingStarted(): void;
}

/** What `prepare` learned about the target (project, test set …). */
export interface PreparedTarget {
  /** Human-readable name of the target, for reports. */
  displayName: string;
  /** Non-fatal remarks for the log and the summary. */
  warnings: string[];
}

/** Result of downloading the run's artifact. */
export interface ArtifactDownload {
  /** Where the file was written. */
  path: string;
  bytes: number;
}

/**
 * A hosted test platform. The orchestrator drives any platform through this
 * interface: prepare → (upload) → start → poll status (+logs) → results →
 * artifact, with cancel available at any point after start.
 */
export interface TestPlatform {
  /** Display name of the platform, e.g. "Testing Studio". */
  readonly name: string;
  /**
   * Check the target exists and can run as asked. `uploading` is true when
   * suites will be uploaded; a platform that cannot accept them must throw a
   * ConfigurationError here, before any run is created.
   */
  prepare(options: { uploading: boolean }, ctx: CallContext): Promise<PreparedTarget>;
  /** Upload a zip of suites. Only called when `prepare` accepted `uploading`. */
  uploadSuites(zipPath: string, ctx: CallContext): Promise<void>;
  /**
   * Start exactly one run. Must never start two, even after ambiguous
   * failures. Every request that could start a run is announced to `journal`
   * first; on success the caller records the run and clears the journal.
   */
  startRun(filters: RunFilters, ctx: CallContext, journal?: StartJournal): Promise<RunSnapshot>;
  /**
   * For a later process: the run started by the Create Run that `note`
   * (from {@link StartJournal.sending}) describes, or `undefined` when it
   * started none. Throws AmbiguousRunError when it cannot tell.
   */
  findStartedRun(note: string, ctx: CallContext): Promise<RunSnapshot | undefined>;
  getRun(runId: string, ctx: CallContext): Promise<RunSnapshot>;
  /** Ask the platform to stop the run. Resolves when the platform accepted. */
  cancelRun(runId: string, ctx: CallContext): Promise<void>;
  /** Current log sections, or `undefined` if the platform has no logs. */
  getLogs(runId: string, ctx: CallContext): Promise<LogSection[] | undefined>;
  getResults(runId: string, ctx: CallContext): Promise<RunResults>;
  /**
   * Stream the run's artifact to `destDir` (file name chosen by the platform,
   * sanitised). Resolves `undefined` when the run has no artifact.
   */
  downloadArtifact(runId: string, destDir: string, ctx: CallContext): Promise<ArtifactDownload | undefined>;
  /**
   * Remove the artifact files this platform's downloadArtifact wrote to
   * `destDir` for earlier runs (a reused workspace, an earlier step with the
   * same results-path); resolves how many there were. The orchestrator calls
   * it when the step starts, so no path of the step passes them off as its run's.
   */
  removeEarlierArtifacts(destDir: string): Promise<number>;
}
