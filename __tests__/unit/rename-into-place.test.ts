import { describe, expect, it } from '@jest/globals';
import { FakeClock } from '../../src/core/clock.js';
import { renameIntoPlace } from '../../src/core/rename-into-place.js';

/** A rename that fails with `code` for its first `failures` calls, then succeeds; records each call. */
function flakyRename(code: string, failures: number): { calls: string[]; rename: (from: string, to: string) => Promise<void> } {
  const calls: string[] = [];
  return {
    calls,
    rename: async (from, to) => {
      calls.push(`${from} -> ${to}`);
      if (calls.length <= failures) throw Object.assign(new Error(`${code}: operation not permitted, rename '${from}' -> '${to}'`), { code, syscall: 'rename' });
    },
  };
}

describe('renameIntoPlace', () => {
  it.each(['EPERM', 'EACCES', 'EBUSY'])('on Windows, tries again while another process holds the file (%s), waiting longer each time', async (code) => {
    const clock = new FakeClock();
    const fs = flakyRename(code, 3);
    await renameIntoPlace('a.part', 'a.zip', { clock, platform: 'win32', rename: fs.rename });
    expect(fs.calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it('on Windows, gives up with the last error after a bounded number of tries', async () => {
    const clock = new FakeClock();
    const fs = flakyRename('EBUSY', Number.MAX_SAFE_INTEGER);
    await expect(renameIntoPlace('a.part', 'a.zip', { clock, platform: 'win32', rename: fs.rename })).rejects.toMatchObject({ code: 'EBUSY' });
    expect(fs.calls).toHaveLength(6);
    expect(clock.sleeps).toEqual([50, 100, 200, 400, 800]);
  });

  it('on Windows, does not try again after an error no other process causes', async () => {
    const clock = new FakeClock();
    const fs = flakyRename('ENOENT', 1);
    await expect(renameIntoPlace('a.part', 'a.zip', { clock, platform: 'win32', rename: fs.rename })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.calls).toHaveLength(1);
  });

  it.each(['linux', 'darwin'] as const)('on %s, where a held file does not stop a rename, fails at once', async (platform) => {
    const clock = new FakeClock();
    const fs = flakyRename('EACCES', 1);
    await expect(renameIntoPlace('a.part', 'a.zip', { clock, platform, rename: fs.rename })).rejects.toMatchObject({ code: 'EACCES' });
    expect(fs.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});
