import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, HttpError, ResponseShapeError } from '../../core/errors.js';
import type { LogSection, RunFilters, RunResults, RunSnapshot } from '../../core/model.js';
import type { ArtifactDownload, CallContext, PreparedTarget, StartJournal, TestPlatform } from '../../core/provider.js';
import type { ApiClient } from '../../http/api-client.js';
import { toCaseResult, toLogSections, toSnapshot } from './mapper.js';
import { createRunOnce, type CreateRunTiming } from './run-creator.js';
import { findStartedRun } from './start-note.js';
import { urlCredentials } from './url-credentials.js';
import { RUN_STATUS_MAP, isDocumentedRunStatus } from './status-map.js';
import {
  logsEnvelope,
  projectEnvelope,
  runEnvelope,
  runStatsEnvelope,
  suitesEnvelope,
  testCasesEnvelope,
  type TsProject,
} from './schema.js';

/** What the Testing Studio provider needs from its surroundings. */
export interface TestingStudioDeps {
  client: ApiClient;
  projectId: string;
  /** Called with every secret the API returns (a project's `gitToken`, credentials in its repository URL). */
  onSecret: (secret: string) => void;
  log: (message: string) => void;
  /** Warning-level log line, for what people should find later: a run that may be a duplicate of ours. */
  warning: (message: string) => void;
  /**
   * How Create Run waits before trying again (after a 429, or an ambiguous
   * failure that created nothing) and how long it keeps looking for a late
   * run first. Pass the clock `ctx.deadline` is measured on; the system
   * clock, the client's default backoff and CREATE_SETTLE_POLICY when omitted.
   */
  createRunTiming?: CreateRunTiming;
}

/**
 * Largest test-cases answer read: a run's cases come in one answer (the API
 * has no paging), and its size grows with the project. 20,000 cases whose
 * failed assertions quote prompts of a few KB are ~75 MB of JSON, beyond the
 * client's 32 MiB guard, which would leave such a run without any results.
 */
export const MAX_TEST_CASES_JSON_BYTES = 256 * 1024 * 1024;

/** Omilia Testing Studio, API as in `shared/reference/testing-studio-api.txt`. */
export class TestingStudioPlatform implements TestPlatform {
  readonly name = 'Testing Studio';

  /** Undocumented run statuses already warned about. */
  private readonly undocumentedSeen = new Set<string>();

  constructor(private readonly deps: TestingStudioDeps) {}

  private runPath(runId: string, suffix = ''): string {
    return `/api/runs/${encodeURIComponent(runId)}${suffix}`;
  }

  /** Get Project: checks it exists and that its storage fits the request. */
  async prepare(options: { uploading: boolean }, ctx: CallContext): Promise<PreparedTarget> {
    const { client, projectId, onSecret } = this.deps;
    const project = await client.getJson(`/api/projects/${encodeURIComponent(projectId)}`, projectEnvelope, ctx);
    // The project answer carries the git token in clear, and perhaps credentials in its repository URL: mask them
    // before anything can print them.
    for (const secret of [project.gitToken ?? '', ...urlCredentials(project.gitUrl), ...urlCredentials(project.gitID)]) onSecret(secret);
    const warnings: string[] = [];
    if (options.uploading && usesGitStorage(project)) {
      throw new ConfigurationError(
        `Project '${project.name}' (${projectId}) uses git storage, so suites cannot be uploaded ` +
          `("Upload Project Test Suites" is only for S3-storage projects). Remove the 'suites' input to run ` +
          `the suites from the project's git repository.`,
      );
    }
    if (!options.uploading && project.s3Storage === true && project.gitStorage !== true) {
      warnings.push(
        `Project '${project.name}' uses Testing Studio storage and no 'suites' were given: ` +
          'the run uses the suites uploaded last.',
      );
    }
    return { displayName: project.name, warnings };
  }

  /** Upload Project Test Suites: multipart field `file`. Replaces the suites, so retrying is safe. */
  async uploadSuites(zipPath: string, ctx: CallContext): Promise<void> {
    const { client, projectId } = this.deps;
    await client.postFile(`/api/projects/${encodeURIComponent(projectId)}/suites/`, 'file', zipPath, ctx, {
      idempotent: true,
    });
  }

  async startRun(filters: RunFilters, ctx: CallContext, journal?: StartJournal): Promise<RunSnapshot> {
    const { client, projectId, log, warning, createRunTiming } = this.deps;
    return toSnapshot(await createRunOnce(client, projectId, filters, ctx, log, { ...createRunTiming, journal, warning }));
  }

  /** The note holds the project's runs before Create Run and our filters: see run-creator. */
  async findStartedRun(note: string, ctx: CallContext): Promise<RunSnapshot | undefined> {
    const run = await findStartedRun(this.deps.client, this.deps.projectId, note, ctx, this.deps.createRunTiming?.clock);
    if (!run) return undefined;
    // Listed by its id only (its other fields unreadable): not known to have ended, so the clean-up step revokes it.
    return 'status' in run ? toSnapshot(run) : { id: run.runId, state: 'running', vendorStatus: 'UNKNOWN' };
  }

  async getRun(runId: string, ctx: CallContext): Promise<RunSnapshot> {
    const run = toSnapshot(await this.deps.client.getJson(this.runPath(runId), runEnvelope, ctx));
    const status = run.vendorStatus;
    if (!isDocumentedRunStatus(status) && !this.undocumentedSeen.has(status)) {
      // Said once per status: otherwise a server with its own word for "done" costs the whole timeout in silence.
      this.undocumentedSeen.add(status);
      this.deps.warning(
        `Run ${runId} reports the status ${JSON.stringify(status)}, which the API does not document ` +
          `(${Object.keys(RUN_STATUS_MAP).join(', ')}): it is taken for still running, until it changes or 'timeout' passes.`,
      );
    }
    return run;
  }

  /** Revoke Run. Revoking is idempotent on the server, so it is retried like a GET. */
  async cancelRun(runId: string, ctx: CallContext): Promise<void> {
    await this.deps.client.postEmpty(this.runPath(runId, '/revoke/'), ctx, { idempotent: true });
  }

  /** Get Run Logs. A 404 early in a run means there is no log yet, not a failure. */
  async getLogs(runId: string, ctx: CallContext): Promise<LogSection[]> {
    const sections = await this.deps.client
      .getJson(this.runPath(runId, '/logs/'), logsEnvelope, ctx)
      .catch(notFoundAs([]));
    return toLogSections(sections);
  }

  /**
   * Run stats, test cases and suites. Counts come from the stats, or from the cases when stats are missing;
   * failed and unavailable are never fewer than the cases listed as such.
   */
  async getResults(runId: string, ctx: CallContext): Promise<RunResults> {
    const { client } = this.deps;
    // Once one fails the others are abandoned: left in flight (with their retries), they would hold the step open
    // for up to their whole budget after it has failed, as closing the connection pool waits for them.
    const abandon = new AbortController();
    const each: CallContext = { ...ctx, signal: AbortSignal.any([ctx.signal, abandon.signal]) };
    const warnings: string[] = [];
    const [stats, cases, suites] = await Promise.all([
      client
        .getJson(this.runPath(runId, '/run_stats/'), runStatsEnvelope, each)
        .catch((error: unknown) => {
          // The stats only add to the cases (the counts can come from them), so an answer of a shape that cannot be
          // read (two stats objects for one run) costs a warning, not the run's results.
          if (!(error instanceof ResponseShapeError)) return notFoundAs(undefined)(error);
          warnings.push(`The run's stats could not be read, so its counts come from its test cases: ${error.message}`);
          return undefined;
        }),
      client.getJson(this.runPath(runId, '/test_cases/'), testCasesEnvelope, each, { maxBytes: MAX_TEST_CASES_JSON_BYTES }).catch(notFoundAs([])),
      client.getJson(this.runPath(runId, '/suites/'), suitesEnvelope, each).catch(notFoundAs([])),
    ]).finally(() => abandon.abort());
    const mapped = cases.map(toCaseResult);
    const fromCases = (status: string): number => mapped.filter((c) => c.status === status).length;
    const passed = stats?.pass ?? fromCases('passed');
    // The reference gives pass/fail/unavailable a default of 0 (Models › Run Stats), so stats that
    // lag behind or omit a field read as zero. A gate must not pass a run whose own listed cases
    // failed: of each bad outcome, the larger of the two counts is taken, and the mismatch is said.
    const listed = { failed: fromCases('failed'), unavailable: fromCases('unavailable') };
    const failed = Math.max(stats?.fail ?? 0, listed.failed);
    const unavailable = Math.max(stats?.unavailable ?? 0, listed.unavailable);
    const counted = `The run's stats count ${stats?.fail ?? 0} failed and ${stats?.unavailable ?? 0} unavailable, but its test cases list ${listed.failed} failed and ${listed.unavailable} unavailable`;
    if (stats && (failed > (stats.fail ?? failed) || unavailable > (stats.unavailable ?? unavailable))) {
      warnings.push(`${counted}; the larger counts are used.`);
    } else if (failed > listed.failed || unavailable > listed.unavailable) {
      // The counts come from the stats, the listing shows fewer: say so, or the summary's list looks complete.
      warnings.push(`${counted}; the cases listed below are only those the run's test cases name.`);
    }
    return {
      counts: { passed, failed, unavailable, total: Math.max(passed + failed + unavailable, mapped.length) },
      cases: mapped,
      suites: suites.map((suite) => suite.testSuiteName),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  /**
   * Get Run Artifact, streamed to `<destDir>/<runId>_artifacts.zip`. A 404 means there is none. Earlier runs' zips
   * there were removed when the step started (removeEarlierArtifacts).
   */
  async downloadArtifact(runId: string, destDir: string, ctx: CallContext): Promise<ArtifactDownload | undefined> {
    const file = path.join(destDir, artifactZipName(runId));
    try {
      const { bytes } = await this.deps.client.download(this.runPath(runId, '/artifacts/'), file, ctx);
      return { path: file, bytes };
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The `<runId>_artifacts.zip` files downloadArtifact left in `destDir` for earlier runs. */
  async removeEarlierArtifacts(destDir: string): Promise<number> {
    const earlier = (await readdir(destDir, { withFileTypes: true })).filter((entry) => entry.isFile() && ARTIFACT_ZIP.test(entry.name));
    await Promise.all(earlier.map((entry) => rm(path.join(destDir, entry.name), { force: true })));
    if (earlier.length > 0) this.deps.log(`Removed ${earlier.length} artifact zip(s) of earlier runs from ${destDir}.`);
    return earlier.length;
  }
}

/** The names artifactZipName gives. */
const ARTIFACT_ZIP = /^[A-Za-z0-9._-]+_artifacts\.zip$/;

/** `<runId>_artifacts.zip`, as the server names it (Get Run's `artifact.name`), with an unusual id made safe. */
function artifactZipName(runId: string): string {
  return `${runId.replace(/[^A-Za-z0-9._-]/g, '_')}_artifacts.zip`;
}

function notFoundAs<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof HttpError && error.status === 404) return fallback;
    throw error;
  };
}

/**
 * Whether the project keeps its suites in git, where uploading is not
 * possible. The `gitStorage`/`s3Storage` flags say so; a project S3 storage
 * is enabled for may be uploaded to. When the flags are missing or both
 * false, the git settings decide: "To select the Git provider approach, you
 * shall give values to all git-related variables" (Create Project).
 */
export function usesGitStorage(project: Pick<TsProject, 'gitStorage' | 's3Storage' | 'gitUrl' | 'gitID' | 'gitProvider'>): boolean {
  if (project.s3Storage === true) return false;
  if (project.gitStorage === true) return true;
  return Boolean(project.gitUrl || project.gitID || project.gitProvider);
}
