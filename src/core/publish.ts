import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeExtract } from '../archive/safe-extract.js';
import { COMMENT_MAX_CHARS, SUMMARY_MAX_BYTES, commentMarker, renderMarkdown } from '../report/markdown-report.js';
import { renderJUnit } from '../report/junit-report.js';
import type { RunReport } from './model.js';
import type { OrchestratorDeps } from './orchestrator.js';
import type { CallContext } from './provider.js';

/** Folder (inside results-path) the artifact zip is extracted into. */
export const EXTRACT_DIR = 'artifacts';

/**
 * Download the run's artifact into results-path and extract it safely.
 * Problems become report warnings: they never change the verdict.
 */
export async function collectArtifact(deps: OrchestratorDeps, report: RunReport, ctx: CallContext): Promise<void> {
  const { settings, platform, host } = deps;
  if (!report.runId) return;
  const warn = (message: string): void => {
    host.log.warning(message);
    report.warnings.push(message);
  };
  try {
    await mkdir(settings.resultsPath, { recursive: true });
    const download = await platform.downloadArtifact(report.runId, settings.resultsPath, ctx);
    if (!download) {
      warn('The run has no artifact to download.');
      return;
    }
    host.log.info(`Downloaded ${path.basename(download.path)} (${formatBytes(download.bytes)}).`);
    const extracted = await safeExtract(download.path, path.join(settings.resultsPath, EXTRACT_DIR));
    host.log.info(`Extracted ${extracted.files.length} files (${formatBytes(extracted.bytes)}) to ${EXTRACT_DIR}/.`);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    warn(`Could not fetch the run's artifact: ${(error as Error).message}`);
  }
}

/**
 * Write junit.xml, upload the results folder, update the sticky comment and
 * write the job summary, in that order so the summary can show every warning
 * the others raised. Returns the JUnit file's path.
 */
export async function publishReports(
  deps: OrchestratorDeps,
  report: RunReport,
  options: { comment: boolean; artifact: boolean },
): Promise<string> {
  const { settings, host } = deps;
  const log = host.log;
  const warn = (message: string): void => {
    log.warning(message);
    report.warnings.push(message);
  };
  const junitPath = path.join(settings.resultsPath, 'junit.xml');
  await log.group('Publishing reports', async () => {
    await mkdir(settings.resultsPath, { recursive: true });
    await writeFile(junitPath, renderJUnit(report), 'utf8');
    log.info(`JUnit report: ${junitPath}`);

    if (options.artifact) {
      const name = `testing-studio-results-${(report.runId ?? settings.projectId).slice(0, 8)}`;
      try {
        await host.uploadArtifact(name, settings.resultsPath);
        log.info(`Uploaded workflow artifact '${name}'.`);
      } catch (error) {
        warn(`Could not upload the results as an artifact: ${(error as Error).message}`);
      }
    }

    if (options.comment) {
      try {
        const marker = commentMarker(settings.projectId);
        const body = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS, marker });
        const result = await host.upsertComment(marker, body);
        log.info(result === 'skipped' ? 'No pull request: comment skipped.' : `Pull request comment ${result}.`);
      } catch (error) {
        warn(`Could not update the pull request comment: ${(error as Error).message}`);
      }
    }

    try {
      await host.writeSummary(renderMarkdown(report, { maxChars: SUMMARY_MAX_BYTES, unit: 'bytes' }));
    } catch (error) {
      log.warning(`Could not write the job summary: ${(error as Error).message}`);
    }
  });
  return junitPath;
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
