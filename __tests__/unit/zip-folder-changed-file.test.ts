/**
 * resolveSuites names the file, and the suites input, when a file changes
 * size while the folder is being zipped (a log something still writes, say).
 * The change is played by a stat that measures the file one byte short, as
 * if it grew by a byte between being measured and being read.
 */
import type { Stats } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';

const actual = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');
jest.unstable_mockModule('node:fs/promises', () => ({
  ...actual,
  stat: async (file: string): Promise<Stats> => {
    const info = await actual.stat(file);
    if (path.basename(file) === 'growing.log') info.size -= 1;
    return info;
  },
}));
const { resolveSuites } = await import('../../src/archive/zip-folder.js');
const { InputError } = await import('../../src/core/errors.js');

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zip-changed-'));
  await mkdir(path.join(work, 'suites'));
  await writeFile(path.join(work, 'suites', 'a.yml'), 'a: 1\n');
  await writeFile(path.join(work, 'suites', 'growing.log'), 'line 1\nline 2\n');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('resolveSuites when a suites file changes while it is zipped', () => {
  it('names the suites input and the file, and leaves no zip behind', async () => {
    const temp = path.join(work, 'tmp');
    const error = await resolveSuites('suites', work, temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^Input 'suites' is invalid: expected a folder whose files do not change while it is zipped; '.*suites\/growing\.log' changed size/);
    expect(await readdir(temp)).toEqual([]);
  });
});
