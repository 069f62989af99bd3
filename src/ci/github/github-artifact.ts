import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every regular file below `dir`, as absolute paths. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Upload `dir` as a workflow artifact. `@actions/artifact` is most of the
 * bundle, so it is imported only here, when an upload actually happens.
 */
export async function uploadFolder(name: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env['ACTIONS_RUNTIME_TOKEN'] || !env['ACTIONS_RESULTS_URL']) {
    throw new Error('the workflow artifact service is not available here (ACTIONS_RUNTIME_TOKEN is not set)');
  }
  const files = await listFiles(dir);
  if (files.length === 0) throw new Error(`${dir} is empty`);
  const { DefaultArtifactClient } = await import('@actions/artifact');
  await new DefaultArtifactClient().uploadArtifact(name, files, dir);
}
