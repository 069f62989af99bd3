/**
 * resolveSuites names the `suites` input when a file in the folder cannot be
 * read. Root (as in CI) can read every file, so yazl is replaced by a zip
 * writer that fails the way a read stream does: an 'error' event carrying
 * the fs error of the file it was reading.
 */
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';

/** The fs error the fake reports, for the n-th file added (0-based), or none. */
const failure: { code: string; fileIndex: number } = { code: 'EACCES', fileIndex: 0 };

class FailingZipFile extends EventEmitter {
  readonly outputStream = new PassThrough();
  private readonly streams: ((done: (error: Error | null, stream: Readable) => void) => void)[] = [];
  addReadStreamLazy(_name: string, _options: unknown, getStream: (done: (error: Error | null, stream: Readable) => void) => void): void {
    this.streams.push(getStream);
  }
  addEmptyDirectory(): void {}
  end(): void {
    this.streams[failure.fileIndex]?.((_error, stream) => {
      const source = String((stream as Readable & { path: string }).path);
      const error = Object.assign(new Error(`${failure.code}: permission denied, open '${source}'`), { code: failure.code, path: source });
      setImmediate(() => stream.destroy(error));
    });
  }
}

jest.unstable_mockModule('yazl', () => ({ default: { ZipFile: FailingZipFile } }));
const { resolveSuites } = await import('../../src/archive/zip-folder.js');
const { InputError } = await import('../../src/core/errors.js');

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zip-read-error-'));
  await mkdir(path.join(work, 'real-suites'));
  await writeFile(path.join(work, 'real-suites', 'locked.yml'), 'x');
  await symlink(path.join(work, 'real-suites'), path.join(work, 'suites-link'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('resolveSuites when a suites file cannot be read', () => {
  it.each(['real-suites', 'suites-link'])('names the suites input for %s, and leaves no zip behind', async (suites) => {
    const temp = path.join(work, 'tmp');
    const error = await resolveSuites(suites, work, temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InstanceType<typeof InputError>).input).toBe('suites');
    expect((error as Error).message).toMatch(/expected a folder whose files can all be read; EACCES: permission denied, open '.*real-suites\/locked\.yml'\.$/);
    expect(await readdir(temp)).toEqual([]);
  });
});
