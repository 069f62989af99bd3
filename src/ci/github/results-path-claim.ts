import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Notes in RUNNER_TEMP that this step writes its results to `dir`, and says
 * whether an earlier step of the same job already had: then this step
 * replaces that step's junit.xml and artifact, which a later step of the job
 * (a JUnit reporter, an upload) would otherwise silently never see. The
 * runner empties RUNNER_TEMP at the start of every job, so a note there
 * speaks of this job only, never of an earlier job on a reused workspace.
 * False when it cannot tell (no RUNNER_TEMP, a note that cannot be written).
 */
export function claimResultsPath(env: NodeJS.ProcessEnv, dir: string): boolean {
  const temp = env['RUNNER_TEMP'];
  if (!temp) return false;
  const resolved = path.resolve(dir);
  const key = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  try {
    writeFileSync(path.join(temp, `testing-studio-results-path-${key}`), resolved, { flag: 'wx', mode: 0o600 });
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST';
  }
}
