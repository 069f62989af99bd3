import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeExtract } from '../archive/safe-extract.js';
import { COMMENT_MAX_CHARS, SUMMARY_MAX_BYTES, commentMarker, renderMarkdown } from '../report/markdown-report.js';
import { junitChunks } from '../report/junit-report.js';
import { errorMessage, formatTimeout, isAbortError } from './errors.js';
import { NAMES_SHOWN, listFirst } from './list-text.js';
import { realResultsPath } from './path-checks.js';
import { renameIntoPlace } from './rename-into-place.js';
import type { RunReport } from './model.js';
import type { OrchestratorDeps } from './orchestrator.js';
import type { CallContext } from './provider.js';
import { timeoutSignal } from './timeout-signal.js';

/**
 * How long the workflow-artifact upload is waited for. `@actions/artifact`
 * gives up on a stalled blob upload by itself, but not on a service call that
 * never answers; a reporting problem must not hold the step until the job's
 * `timeout-minutes` fails it whatever the verdict. Running out is a warning
 * (the upload is left to finish or not; the process exits once the step is done).
 */
export const WORKFLOW_ARTIFACT_BUDGET_MS = 10 * 60_000;

/** Folder (inside results-path) the artifact zip is extracted into. */
export const EXTRACT_DIR = 'artifacts';

/**
 * Says that an earlier step of the job wrote to results-path too: its
 * junit.xml, artifacts/ and artifact zip are replaced (the zip as an earlier
 * run's), so a later step that reads them would see this step's alone.
 */
export function reusedResultsPathWarning(resultsPath: string, workspace: string): string {
  const shown = path.relative(workspace, resultsPath).split(path.sep).join('/');
  return (
    `results-path '${shown}' was written by an earlier step of this job: this step replaces its junit.xml, ${EXTRACT_DIR}/ and artifact zip, ` +
    'so a later step reading them finds only this step\'s results; give each step its own results-path to keep both.'
  );
}

/**
 * Clears results-path of an earlier run's artifact (its extracted copy and
 * the platform's zip), from a reused workspace or an earlier step with the
 * same results-path, before anything else, so that on every path (a
 * timeout, a failure before the run exists, a run with no artifact) the
 * workflow artifact and later steps find only this step's files. A problem
 * is a warning: it never changes the verdict.
 */
export async function clearEarlierResults(deps: OrchestratorDeps, warnings: string[]): Promise<void> {
  try {
    const folder = await resultsFolder(deps);
    await rm(path.join(folder, EXTRACT_DIR), { recursive: true, force: true });
    await deps.platform.removeEarlierArtifacts(folder);
  } catch (error) {
    const warning = `Could not clear earlier results from results-path: ${errorMessage(error)}`;
    deps.host.log.warning(warning);
    warnings.push(warning);
  }
}

/**
 * Download the run's artifact into results-path and extract it safely.
 * Problems become report warnings, `ctx` running out (`budgetMs`) included:
 * they never change the verdict. Only the job's cancel is thrown.
 */
export async function collectArtifact(deps: OrchestratorDeps, report: RunReport, ctx: CallContext, budgetMs: number): Promise<void> {
  const { settings, platform, host } = deps;
  if (!report.runId) return;
  const warn = (message: string): void => {
    host.log.warning(message);
    report.warnings.push(message);
  };
  /** The downloaded zip while its entries have not all been read, so not all checked for secrets. */
  let unchecked: string | undefined;
  try {
    await resultsFolder(deps);
    // An earlier run's files were cleared when the step started (clearEarlierResults), so only this run's are here.
    const extractDir = path.join(settings.resultsPath, EXTRACT_DIR);
    const download = await platform.downloadArtifact(report.runId, settings.resultsPath, ctx);
    if (!download) {
      warn('The run has no artifact to download.');
      return;
    }
    host.log.info(`Downloaded ${path.basename(download.path)} (${formatBytes(download.bytes)}).`);
    // The artifact may hold the run's own log, which can print the project's git token: extracted files get the
    // secrets replaced, and the zip itself, which would still hold them, is not kept (nor uploaded).
    unchecked = download.path;
    const extracted = await safeExtract(download.path, extractDir, { scrub: deps.redactor.bytePatterns(), signal: ctx.signal });
    unchecked = undefined;
    host.log.info(`Extracted ${extracted.files.length} files (${formatBytes(extracted.bytes)}) to ${EXTRACT_DIR}/.`);
    if (extracted.renamed.length > 0) host.log.info(renamedNote(extracted.renamed));
    if (extracted.scrubbed.length > 0) {
      await rm(download.path, { force: true });
      warn(scrubbedWarning(path.basename(download.path), extracted.scrubbed));
    }
  } catch (error) {
    // A failed extraction leaves no files, and its zip, which may hold a secret further on, is not kept (nor uploaded).
    if (unchecked) await rm(unchecked, { force: true });
    if (deps.signal.aborted) throw error;
    const why = isAbortError(error) && ctx.signal.aborted ? `not done within ${formatTimeout(budgetMs)}.` : errorMessage(error).replace(/([^.])$/, '$1.');
    const deleted = unchecked ? ` ${JSON.stringify(path.basename(unchecked))} was deleted: not all of it could be checked for secrets.` : '';
    warn(`Could not fetch the run's artifact: ${why}${deleted}`);
  }
}

/**
 * Write junit.xml, upload the results folder, update the sticky comment and
 * write the job summary, in that order so the summary can show every warning
 * the others raised. A cancel stops the waiting for the upload and the
 * comment (and skips the comment), so the summary is still written. Every string of the report is redacted first, while a
 * secret still reads as itself (escaping or shortening would hide it from
 * the redactor). Returns the JUnit file's path, or undefined when it could
 * not be written (a warning, like every reporting problem).
 */
export async function publishReports(
  deps: OrchestratorDeps,
  unredacted: RunReport,
  options: { comment: boolean; artifact: boolean },
): Promise<string | undefined> {
  const { settings, host } = deps;
  const log = host.log;
  const report = deps.redactor.redactAll(unredacted);
  const warn = (message: string): void => {
    log.warning(message);
    // Added after redactAll, so redacted here: once rendered, escaping would disguise a secret.
    report.warnings.push(deps.redactor.redactReadable(message));
  };
  let junitPath: string | undefined;
  await log.group('Publishing reports', async () => {
    try {
      junitPath = await writeJUnit(deps, report);
      log.info(`JUnit report: ${junitPath}`);
    } catch (error) {
      warn(`Could not write the JUnit report: ${errorMessage(error)}`);
    }

    if (options.artifact) {
      const name = `testing-studio-results-${(report.runId ?? settings.projectId).slice(0, 8)}`;
      const budget = timeoutSignal(WORKFLOW_ARTIFACT_BUDGET_MS);
      try {
        const leftOut = await unlessCancelled(AbortSignal.any([deps.signal, budget]), () => host.uploadArtifact(name, settings.resultsPath));
        log.info(`Uploaded workflow artifact '${name}'.`);
        if (leftOut.length > 0) warn(leftOutWarning(name, leftOut));
      } catch (error) {
        if (deps.signal.aborted) warn(`Stopped waiting for the workflow artifact '${name}': the job was cancelled.`);
        else if (budget.aborted) warn(`Stopped waiting for the workflow artifact '${name}': not uploaded within ${formatTimeout(WORKFLOW_ARTIFACT_BUDGET_MS)}.`);
        else warn(`Could not upload the results as an artifact: ${errorMessage(error)}`);
      }
    }

    // A cancelled job's last seconds go to the summary, as on any other cancel.
    if (options.comment && !deps.signal.aborted) {
      try {
        // Scoped by the filters, which choose the test cases that run (the description too: reference, "Runs › Create Run").
        const { group, utterance, description } = settings.filters;
        const marker = commentMarker(settings.projectId, { group, utterance, description });
        const body = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS, marker });
        const result = await unlessCancelled(deps.signal, () => host.upsertComment(marker, body));
        log.info(result === 'skipped' ? 'No pull request: comment skipped.' : `Pull request comment ${result}.`);
      } catch (error) {
        if (deps.signal.aborted) warn('Stopped waiting for the pull request comment: the job was cancelled.');
        else warn(`Could not update the pull request comment: ${errorMessage(error)}`);
      }
    }

    try {
      await host.writeSummary(renderMarkdown(report, { maxChars: SUMMARY_MAX_BYTES, unit: 'bytes' }));
    } catch (error) {
      log.warning(`Could not write the job summary: ${errorMessage(error)}`);
    }
  });
  return junitPath;
}

/**
 * What `work` resolves to, or a rejection with the stop reason as soon as the
 * job is cancelled. The workflow-artifact upload and the comment do not watch
 * the signal, and a cancelled job has seconds before the runner kills it: the
 * summary, written last, must not wait on them. The work is left to finish
 * or not in the background; the process exits once the step is done.
 */
function unlessCancelled<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * junit.xml, written to a new file and renamed into place: a symlink planted
 * at that path (say, by a checked-out pull request) is replaced, never
 * followed, and readers never see half a file.
 */
async function writeJUnit(deps: OrchestratorDeps, report: RunReport): Promise<string> {
  const folder = await resultsFolder(deps);
  const target = path.join(folder, 'junit.xml');
  const scratch = path.join(folder, `.junit-${randomUUID()}.xml`);
  try {
    // Written piece by piece: the whole document for thousands of cases is never held at once.
    await writeFile(scratch, junitChunks(report), { encoding: 'utf8', flag: 'wx' });
    await renameIntoPlace(scratch, target, { clock: deps.clock });
  } finally {
    await rm(scratch, { force: true });
  }
  return path.join(deps.settings.resultsPath, 'junit.xml');
}

/**
 * Creates results-path and checks that it really is inside the workspace.
 * Settings checked it before the run; the disk may have changed since (a
 * symlink on the way, a checked-out `testing-studio-results -> /somewhere`,
 * would lead elsewhere), and nothing may be written outside the workspace.
 * Returns its real path.
 */
async function resultsFolder(deps: OrchestratorDeps): Promise<string> {
  const { resultsPath } = deps.settings;
  // Checked before mkdir too, so not even an empty folder is created through a symlinked parent. The real path is
  // what is created: a checked-in `testing-studio-results -> build/results` whose target is not there yet would
  // make mkdir of the link itself fail (ENOENT), where people expect the folder it names to be made.
  await mkdir(realResultsPath(resultsPath, deps.workspace), { recursive: true });
  return realResultsPath(resultsPath, deps.workspace);
}

/** Says which extracted files had a secret replaced, and that the zip holding them was deleted. Names are the server's. */
function scrubbedWarning(zipName: string, files: string[]): string {
  return (
    `The run's artifact held a secret (such as the project's git token): it was replaced with *** in ${fileList(files)}, ` +
    `and ${JSON.stringify(zipName)}, which still held it, was deleted rather than kept or uploaded.`
  );
}

/** Says which files a Windows runner extracted under another name (see safeExtract's windowsNames). Names are the server's. */
function renamedNote(renamed: { from: string; to: string }[]): string {
  const files = renamed.length === 1 ? '1 file whose name' : `${renamed.length} files whose names`;
  return `Renamed ${files} Windows cannot hold: ${listFirst(renamed, NAMES_SHOWN, (r) => `${JSON.stringify(r.from)} as ${JSON.stringify(r.to)}`)}.`;
}

/** `"a", "b" and 3 more`: file names quoted (they are the server's), the first NAMES_SHOWN of them. */
function fileList(files: string[]): string {
  return listFirst(files, NAMES_SHOWN, (file) => JSON.stringify(file));
}

/** Says which files the workflow artifact lacks and where they still are. */
function leftOutWarning(name: string, leftOut: string[]): string {
  return (
    `Not in the workflow artifact '${name}', which refuses " : < > | * ? and line breaks in names: ${fileList(leftOut)}. ` +
    "The run's artifact zip, uploaded with the rest, holds them too, unless it was deleted for holding a secret (said above)."
  );
}

/** e.g. `1.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
