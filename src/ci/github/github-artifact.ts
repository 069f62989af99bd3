import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Characters `@actions/artifact` refuses in an uploaded file's path (its own
 * list, kept for NTFS). One such file fails the whole upload, and the run's
 * artifact may well hold one (a colon in a timestamped log name), so those
 * files are left out instead: they are still in the artifact zip uploaded
 * beside them.
 */
const REFUSED_IN_PATH = /[":<>|*?\r\n]/;

/** Every regular file below `dir`, as absolute paths. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Whether the runner belongs to GitHub Enterprise Server, where
 * `@actions/artifact` 2+ cannot upload. Its own rule, repeated here so the
 * step can say so once, without loading the library (most of the bundle),
 * and without the library's own second warning: github.com, *.ghe.com (GHE
 * with data residency) and *.localhost are not GHES; any other server is.
 */
export function isEnterpriseServer(env: NodeJS.ProcessEnv): boolean {
  let host: string;
  try {
    host = new URL(env['GITHUB_SERVER_URL'] || 'https://github.com').hostname.toLowerCase();
  } catch {
    return false;
  }
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}

/**
 * Upload `dir` as a workflow artifact. `@actions/artifact` is most of the
 * bundle, so it is imported only here, when an upload actually happens.
 * Returns the files left out (see {@link REFUSED_IN_PATH}), relative to `dir`.
 */
export async function uploadFolder(name: string, dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) {
    throw new Error('the workflow artifact service is not available here (ACTIONS_RUNTIME_TOKEN is not set)');
  }
  if (isEnterpriseServer(env)) {
    throw new Error(
      'workflow artifacts from this action need github.com or GHE.com; @actions/artifact does not support GitHub Enterprise Server. ' +
        'Set upload-artifact: false and upload results-path with an upload action your server supports.',
    );
  }
  const files: string[] = [];
  const leftOut: string[] = [];
  for (const file of await listFiles(dir)) {
    const relative = path.relative(dir, file);
    if (REFUSED_IN_PATH.test(relative)) leftOut.push(relative.split(path.sep).join('/'));
    else files.push(file);
  }
  if (files.length === 0) throw new Error(`${dir} is empty`);
  const { DefaultArtifactClient } = await import('@actions/artifact');
  await new DefaultArtifactClient().uploadArtifact(name, files, dir);
  return leftOut.sort();
}
