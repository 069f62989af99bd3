import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { foldsNames, pathKey } from '../../core/path-key.js';

/**
 * Notes in RUNNER_TEMP that this step writes its results to `dir`, and says
 * whether an earlier step of the same job already had: then this step
 * replaces that step's junit.xml and artifact, which a later step of the job
 * (a JUnit reporter, an upload) would otherwise silently never see. The
 * runner empties RUNNER_TEMP at the start of every job, so a note there
 * speaks of this job only, never of an earlier job on a reused workspace.
 * False when it cannot tell (no RUNNER_TEMP, a note that cannot be written).
 *
 * On Windows and macOS runners, whose file systems ignore letter case by
 * default, `Results` and `results` are one folder, so the note is keyed on
 * the path folded as they fold it (pathKey, as for an artifact's entries).
 * (On a case-sensitive volume there, two folders differing only in case
 * would get a needless warning; never a missed one.)
 */
export function claimResultsPath(env: NodeJS.ProcessEnv, dir: string, platform: NodeJS.Platform = process.platform): boolean {
  const temp = env['RUNNER_TEMP'];
  if (!temp) return false;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const resolved = paths.resolve(dir);
  const key = createHash('sha256')
    .update(pathKey(resolved.split(paths.sep).join('/'), foldsNames(platform)))
    .digest('hex')
    .slice(0, 16);
  try {
    writeFileSync(path.join(temp, `testing-studio-results-path-${key}`), resolved, { flag: 'wx', mode: 0o600 });
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST';
  }
}
