import { describe, expect, it } from '@jest/globals';
import { READ_AHEAD_FILES, READ_AHEAD_MAX_FILE_BYTES, ReadAhead, type ReadAheadFile } from '../../src/archive/read-ahead.js';

/** A read that records which files were asked for and stays open until `finish` settles them. */
function heldReads(): {
  started: string[];
  finish: (file: string, outcome?: Error) => void;
  read: (file: string) => Promise<Buffer>;
} {
  const started: string[] = [];
  const settle = new Map<string, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  return {
    started,
    finish: (file, outcome) => {
      const s = settle.get(file);
      if (!s) throw new Error(`${file} was never read`);
      if (outcome) s.reject(outcome);
      else s.resolve(Buffer.from(`contents of ${file}`));
    },
    read: (file) =>
      new Promise<Buffer>((resolve, reject) => {
        started.push(file);
        settle.set(file, { resolve, reject });
      }),
  };
}

const small = (name: string): ReadAheadFile => ({ source: name, size: 10 });
const large = (name: string): ReadAheadFile => ({ source: name, size: READ_AHEAD_MAX_FILE_BYTES + 1 });

describe('ReadAhead', () => {
  it('reads the next small files while the first is taken, never more than READ_AHEAD_FILES ahead', async () => {
    const files = Array.from({ length: READ_AHEAD_FILES * 3 }, (_, i) => small(`f${i}`));
    const reads = heldReads();
    const ahead = new ReadAhead(files, reads.read);
    const first = ahead.take(0);
    expect(reads.started).toEqual(files.slice(0, READ_AHEAD_FILES + 1).map((f) => f.source));
    reads.finish('f0');
    await expect(first).resolves.toEqual(Buffer.from('contents of f0'));
    // Taking the next one lets one more be read, keeping the window full but no fuller.
    const second = ahead.take(1);
    expect(reads.started).toHaveLength(READ_AHEAD_FILES + 2);
    reads.finish('f1');
    await expect(second).resolves.toEqual(Buffer.from('contents of f1'));
  });

  it('leaves large files to be streamed: they are neither read ahead nor counted in the window', () => {
    const files = [small('a'), large('big1'), small('b'), large('big2'), small('c')];
    const reads = heldReads();
    const ahead = new ReadAhead(files, reads.read);
    expect(files.map((_, i) => ahead.isSmall(i))).toEqual([true, false, true, false, true]);
    void ahead.take(0);
    expect(reads.started).toEqual(['a', 'b', 'c']);
  });

  it('gives a failed read to whoever takes that file, and a failure read ahead is not an unhandled rejection', async () => {
    const reads = heldReads();
    const ahead = new ReadAhead([small('a'), small('locked')], reads.read);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const a = ahead.take(0);
      reads.finish('locked', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
      reads.finish('a');
      await a;
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await expect(ahead.take(1)).rejects.toMatchObject({ code: 'EACCES' });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reads a file not read ahead when it is taken, and drops each buffer once taken', async () => {
    const files = Array.from({ length: READ_AHEAD_FILES + 5 }, (_, i) => small(`f${i}`));
    const reads = heldReads();
    const ahead = new ReadAhead(files, reads.read);
    const last = ahead.take(READ_AHEAD_FILES + 4);
    expect(reads.started).toEqual([`f${READ_AHEAD_FILES + 4}`]);
    reads.finish(`f${READ_AHEAD_FILES + 4}`);
    await expect(last).resolves.toEqual(Buffer.from(`contents of f${READ_AHEAD_FILES + 4}`));
    // Taken once, it is not held: taking it again reads it again.
    void ahead.take(READ_AHEAD_FILES + 4);
    expect(reads.started).toEqual([`f${READ_AHEAD_FILES + 4}`, `f${READ_AHEAD_FILES + 4}`]);
  });
});
