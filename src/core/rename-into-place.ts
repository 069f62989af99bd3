import { rename as fsRename } from 'node:fs/promises';
import type { Clock } from './clock.js';

/**
 * Codes Windows answers a rename with while another process has the file
 * open without sharing its deletion: an antivirus scan of a file just
 * closed, a search indexer. The hold lasts moments, so asking again works
 * (as npm's graceful-fs does); elsewhere the same codes mean a permission
 * that waiting does not change.
 */
const HELD_ON_WINDOWS = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * Waits before each new try on Windows: 1.55 s in all, so a cancelled job,
 * which still writes its junit.xml, is not held up for long.
 */
const RETRY_DELAYS_MS = [50, 100, 200, 400, 800];

/** What {@link renameIntoPlace} runs on; `platform` and `rename` are injectable so Windows can be tested anywhere. */
export interface RenameOptions {
  clock: Clock;
  platform?: NodeJS.Platform;
  rename?: (from: string, to: string) => Promise<void>;
}

/**
 * Rename a file just written (a download's `.part`, a scratch junit.xml)
 * into place. On Windows a rename refused because the file is held is tried
 * again a few times; any other failure, and any failure elsewhere, is thrown
 * at once. Throws the last error once the tries are used up.
 */
export async function renameIntoPlace(from: string, to: string, options: RenameOptions): Promise<void> {
  const { clock, platform = process.platform, rename = fsRename } = options;
  // One try more than there are delays: the last one, if refused too, throws.
  for (const delay of [...RETRY_DELAYS_MS, undefined]) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const held = platform === 'win32' && HELD_ON_WINDOWS.has((error as NodeJS.ErrnoException).code ?? '');
      if (!held || delay === undefined) throw error;
      await clock.sleep(delay);
    }
  }
}
