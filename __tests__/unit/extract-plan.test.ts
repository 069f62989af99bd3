import { describe, expect, it } from '@jest/globals';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { createByteLimiter, resolveEntryTarget } from '../../src/archive/extract-plan.js';
import { UnsafeArchiveError } from '../../src/core/errors.js';

describe('resolveEntryTarget', () => {
  it.each(['../x', 'a/../../x', 'a/b/../c.txt', 'a/..', '/abs', 'C:\\x', 'c:x', '\\\\server\\x', 'a\0b', ''])(
    'rejects %j',
    (name) => {
      expect(() => resolveEntryTarget('/dest', name)).toThrow(UnsafeArchiveError);
    },
  );

  it('normalises separators, dot segments and repeated slashes', () => {
    expect(resolveEntryTarget('/dest', 'a\\b//./c.txt')).toEqual({ rel: 'a/b/c.txt', isDirectory: false });
    expect(resolveEntryTarget('/dest', './logs/')).toEqual({ rel: 'logs', isDirectory: true });
    expect(resolveEntryTarget('/dest', './')).toEqual({ rel: '', isDirectory: true });
  });

  it('refuses names longer than 1,024 characters, nested deeper than 64 levels, or with a segment over 255 bytes', () => {
    expect(() => resolveEntryTarget('/dest', `${Array(5).fill('x'.repeat(200)).join('/')}/${'y'.repeat(16)}.txt`)).toThrow('name is longer than 1024 characters');
    expect(() => resolveEntryTarget('/dest', `${'a/'.repeat(64)}f`)).toThrow('nested deeper than 64 levels');
    // 128 two-byte characters: 256 bytes in UTF-8, though only 128 characters.
    expect(() => resolveEntryTarget('/dest', `logs/${'é'.repeat(128)}.txt`)).toThrow('a path segment is longer than 255 bytes');
  });

  it('accepts names just within those limits', () => {
    expect(resolveEntryTarget('/dest', `${Array(5).fill('x'.repeat(200)).join('/')}/${'y'.repeat(15)}.txt`).rel).toHaveLength(1024);
    expect(resolveEntryTarget('/dest', `${'a/'.repeat(63)}f`).rel.split('/')).toHaveLength(64);
    // 252 bytes of é and 3 of '.tx': 255 bytes.
    expect(resolveEntryTarget('/dest', `logs/${'é'.repeat(126)}.tx`).rel).toBe(`logs/${'é'.repeat(126)}.tx`);
  });

  it('accepts names that merely start with two dots', () => {
    expect(resolveEntryTarget('/dest', '..notes/..x.txt')).toEqual({ rel: '..notes/..x.txt', isDirectory: false });
  });
});

describe('createByteLimiter', () => {
  async function pump(chunks: number[], maxEntry: number, budget: { used: number; max: number }) {
    let written = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback();
      },
    });
    const source = Readable.from(chunks.map((n) => Buffer.alloc(n)));
    const limiter = createByteLimiter('entry.bin', maxEntry, budget);
    const outcome = await pipeline(source, limiter, sink).then(() => undefined, (e: unknown) => e);
    return { outcome, written };
  }

  it('passes data within both limits through unchanged', async () => {
    const budget = { used: 0, max: 100 };
    expect(await pump([30, 30], 60, budget)).toEqual({ outcome: undefined, written: 60 });
    expect(budget.used).toBe(60);
  });

  it('fails once the actual bytes of one entry pass the per-file limit, without passing them on', async () => {
    const { outcome, written } = await pump([40, 40, 40], 100, { used: 0, max: 1000 });
    expect(outcome).toBeInstanceOf(UnsafeArchiveError);
    expect((outcome as Error).message).toContain('per-file limit of 100');
    expect(written).toBe(80);
  });

  it('checks the data against the CRC-32 it is given once all of it has passed', async () => {
    const data = Buffer.from('the bot answered with the expected prompt');
    const check = async (expected: number): Promise<unknown> =>
      pipeline(Readable.from([data.subarray(0, 10), data.subarray(10)]), createByteLimiter('log.txt', 1000, { used: 0, max: 1000 }, expected), new Writable({ write: (_c, _e, cb) => cb() })).then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(await check(crc32(data))).toBeUndefined();
    const outcome = await check((crc32(data) + 1) >>> 0);
    expect(outcome).toBeInstanceOf(UnsafeArchiveError);
    expect((outcome as Error).message).toContain('CRC-32 does not match');
  });

  it('fails once the shared total passes its limit', async () => {
    const { outcome, written } = await pump([40, 40], 1000, { used: 50, max: 100 });
    expect(outcome).toBeInstanceOf(UnsafeArchiveError);
    expect((outcome as Error).message).toContain('100 bytes in total');
    expect(written).toBe(40);
  });
});
