/**
 * resolveSuites names the `suites` input when a file in the folder cannot be
 * read. Root (as in CI) can read every file, so `node:fs` is wrapped to fail
 * for files named `locked.*` the way an unreadable file does: an EACCES from
 * `open`, carrying the file's path. A small file is read ahead whole
 * (`readFile`), a large one streamed (`createReadStream`); both are covered.
 */
import type * as Fs from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';

const actual = jest.requireActual<typeof Fs>('node:fs');
const locked = (file: unknown): boolean => path.basename(String(file)).startsWith('locked.');
const denied = (file: unknown): NodeJS.ErrnoException =>
  Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: String(file) });

jest.unstable_mockModule('node:fs', () => ({
  ...actual,
  default: actual,
  readFile: (file: string, callback: (error: NodeJS.ErrnoException | null, data?: Buffer) => void): void => {
    if (locked(file)) setImmediate(() => callback(denied(file)));
    else actual.readFile(file, callback);
  },
  createReadStream: (file: string, options?: Parameters<typeof actual.createReadStream>[1]): Readable => {
    if (!locked(file)) return actual.createReadStream(file, options);
    // A stream whose open fails: an 'error' carrying the file's path, and no data.
    const stream = new Readable({ read: () => undefined });
    setImmediate(() => stream.destroy(denied(file)));
    return stream;
  },
}));
const { resolveSuites } = await import('../../src/archive/zip-folder.js');
const { InputError } = await import('../../src/core/errors.js');
const { READ_AHEAD_MAX_FILE_BYTES } = await import('../../src/archive/read-ahead.js');

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zip-read-error-'));
  await mkdir(path.join(work, 'real-suites'));
  await writeFile(path.join(work, 'real-suites', 'a.yml'), 'a: 1\n');
  await symlink(path.join(work, 'real-suites'), path.join(work, 'suites-link'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('resolveSuites when a suites file cannot be read', () => {
  it.each([
    ['real-suites', 'a small file', 'locked.yml', 1],
    ['suites-link', 'a small file', 'locked.yml', 1],
    ['real-suites', 'a large file', 'locked.wav', READ_AHEAD_MAX_FILE_BYTES + 1],
    ['suites-link', 'a large file', 'locked.wav', READ_AHEAD_MAX_FILE_BYTES + 1],
  ])('names the suites input for %s and %s, and leaves no zip behind', async (suites, _kind, name, size) => {
    await writeFile(path.join(work, 'real-suites', name), Buffer.alloc(size, 0x61));
    const temp = path.join(work, 'tmp');
    const error = await resolveSuites(suites, work, temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InstanceType<typeof InputError>).input).toBe('suites');
    expect((error as Error).message).toMatch(new RegExp(`expected a folder whose files can all be read; EACCES: permission denied, open '.*real-suites/${name.replace('.', '\\.')}'\\.$`));
    expect(await readdir(temp)).toEqual([]);
  });
});
