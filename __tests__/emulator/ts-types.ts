/**
 * Public types of the Testing Studio emulator: how tests script runs and
 * what they can inspect afterwards.
 */
import type { ZipEntrySpec } from './make-zip.js';

/** A vendor run status, as the API spells it. */
export type VendorRunStatus = 'PENDING' | 'STARTED' | 'SUCCESS' | 'FAILURE' | 'RETRY' | 'REVOKED';

/** A vendor test case status. The doc lists pass/fail/unavailable/None; the example shows `success`. */
export type VendorCaseStatus = 'success' | 'pass' | 'fail' | 'unavailable' | 'None';

/** One failed assertion, as the API reports it. */
export interface AssertionErrorSpec {
  step: number;
  assertion: string;
  expected: string;
  found: string;
}

/** One scripted test case. */
export interface CaseSpec {
  name: string;
  status: VendorCaseStatus;
  description?: string | null;
  /** What Create Run's `group` and `utterance` filters match (see withFilteredCases); not part of the case's answer. */
  group?: string;
  utterance?: string;
  assertionErrors?: AssertionErrorSpec[];
  /** Texts of general (non-assertion) errors. */
  generalErrors?: string[];
  /** Texts of warnings. */
  warnings?: string[];
  /** Milliseconds, like the API's 889.0. Default 889.0. */
  executionTime?: number;
  numberOfTries?: number;
  hadDelays?: boolean;
  dialogId?: string;
  goldenDialogId?: string;
}

/** One scripted log section; its lines are revealed progressively. */
export interface LogSectionSpec {
  name: string;
  lines: string[];
}

/**
 * The artifact a run offers: a normal results zip, none (404), a hostile zip,
 * a corrupt one, a large stored entry streamed from a generator, a
 * compression bomb streamed the same way, or the normal zip with extra entries.
 */
export type ArtifactSpec =
  | 'normal'
  | 'none'
  | 'zip-slip'
  | 'absolute-path'
  | 'symlink'
  | 'corrupt'
  | { sizeBytes: number }
  | { bombBytes: number }
  | { extraEntries: ZipEntrySpec[] };

/** How a run behaves over time. */
export interface RunScenario {
  /** Time from creation until the run is terminal (ms). */
  durationMs: number;
  finalStatus: 'SUCCESS' | 'FAILURE' | 'REVOKED';
  cases?: CaseSpec[];
  /** Suite names (default `['test_suite_1']`). */
  suites?: string[];
  /** Log sections; generated from the cases like the doc's when omitted. */
  logSections?: LogSectionSpec[];
  /** Default 'normal'. */
  artifact?: ArtifactSpec;
  /** Stays STARTED forever (until revoked). */
  neverFinishes?: boolean;
  /**
   * A stretch of the run (ms after creation, from inclusive, until exclusive)
   * in which its status reads RETRY, as when the backend retries its task
   * (reference, "Models › RunStatus": not terminal). Cases and log lines stay
   * as they were when it began.
   */
  retry?: { fromMs: number; untilMs: number };
  /**
   * What each log section's `completed` says: whether the run is over, as
   * the reference's "Models › Run Log" describes the field ("run's completed
   * status"; the default, so the client is tested against the less helpful
   * reading), or whether that section is.
   */
  logCompleted?: 'section' | 'run';
}

/** Filters a run was created with (the raw JSON values, null when absent). */
export interface RunFiltersSeen {
  group: unknown;
  utterance: unknown;
  description: unknown;
}

/** A project in the emulator. */
export interface EmulatedProject {
  id: string;
  name: string;
  group: string;
  userId: string;
  storage: 's3' | 'git';
  gitUrl: string | null;
  gitToken: string | null;
  gitProvider: 'gitlab' | 'github' | null;
  /**
   * How the answer shows the storage: `gitStorage`/`s3Storage` as the
   * reference's examples do (the default), left out, or both false; then only
   * the git settings tell a git project (Create Project: git storage means all
   * git-related variables are given).
   */
  storageFlags?: 'shown' | 'omitted' | 'both-false';
}

/** What `addProject` accepts. */
export interface ProjectSpec {
  id?: string;
  name?: string;
  group?: string;
  storage: 's3' | 'git';
  gitToken?: string;
  gitUrl?: string;
}

/** What `setProjectOptions` may change on an existing project. */
export type ProjectOptions = Partial<Omit<EmulatedProject, 'id'>>;

/** One recorded suite upload. */
export interface UploadRecord {
  projectId: string;
  /** Size of the uploaded file part. */
  bytes: number;
  /** The request's Content-Length header, when sent. */
  contentLength: number | undefined;
  /** Name of the multipart field that carried the file. */
  fieldName: string;
  /** Filename given in the multipart part. */
  fileName: string | undefined;
  /** Entry names inside the uploaded zip (raw, unvalidated). */
  fileNames: string[];
  /** Whether the upload was answered 204 (wrong field or a broken zip are recorded too). */
  accepted: boolean;
}

/** Construction options for the emulator. */
export interface EmulatorOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Accepted bearer token (default 'test-token'). */
  token?: string;
  /** Scenario for runs created while nothing is scripted (default PASSING_SCENARIO). */
  defaultScenario?: RunScenario;
  /** Clock for run progression and request timestamps (default Date.now). */
  now?: () => number;
  /** Create the two projects from the doc (default true). */
  defaultProjects?: boolean;
  /** Serve https with this key and certificate instead of plain http. */
  tls?: { key: string; cert: string };
}
