import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every path under `dir`, relative, sorted; directories end with '/'. */
export async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.map((e) => path.relative(dir, path.join(e.parentPath, e.name)) + (e.isDirectory() ? '/' : '')).sort();
}
