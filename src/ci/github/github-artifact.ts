import { readdir } from 'node:fs/promises';
import path from 'node:path';

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
 */
export async function uploadFolder(name: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) {
    throw new Error('the workflow artifact service is not available here (ACTIONS_RUNTIME_TOKEN is not set)');
  }
  if (isEnterpriseServer(env)) {
    throw new Error(
      'workflow artifacts from this action need github.com or GHE.com; @actions/artifact does not support GitHub Enterprise Server. ' +
        'Set upload-artifact: false and upload results-path with an upload action your server supports.',
    );
  }
  const files = await listFiles(dir);
  if (files.length === 0) throw new Error(`${dir} is empty`);
  const { DefaultArtifactClient } = await import('@actions/artifact');
  await new DefaultArtifactClient().uploadArtifact(name, files, dir);
}
