import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yazl from 'yazl';
import { UnsafeArchiveError } from '../../src/core/errors.js';
import { safeExtract } from '../../src/archive/safe-extract.js';
import { pathKey } from '../../src/core/path-key.js';
import { tree } from '../helpers/file-tree.js';

/** One entry of a hand-built zip; lets tests write names and attributes yazl refuses. */
interface RawEntry {
  name: string;
  data?: Buffer;
  mode?: number; // Unix mode for the external attributes, e.g. 0o120777 for a symlink
  deflate?: boolean;
  declaredSize?: number; // uncompressed size claimed in the central directory, to make an entry lie
  crc?: number; // CRC-32 recorded for the entry, to make its data look damaged
}

/** Little-endian header fields given as [width, value] pairs. */
function fields(...parts: [2 | 4, number][]): Buffer {
  const buf = Buffer.alloc(parts.reduce((n, [width]) => n + width, 0));
  let at = 0;
  for (const [width, value] of parts) at = width === 2 ? buf.writeUInt16LE(value, at) : buf.writeUInt32LE(value, at);
  return buf;
}

/** Builds zip bytes by hand: local headers + data, central directory, end record. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const stored = e.deflate ? zlib.deflateRawSync(data) : data;
    const method = e.deflate ? 8 : 0;
    const crc = e.crc ?? zlib.crc32(data);
    // Field order per APPNOTE 4.3.7 / 4.3.12: flags 0x800 = UTF-8 names, date 0x21 = 1980-01-01.
    const local = Buffer.concat([
      fields([4, 0x04034b50], [2, 20], [2, 0x800], [2, method], [2, 0], [2, 0x21], [4, crc]),
      fields([4, stored.length], [4, data.length], [2, name.length], [2, 0]),
    ]);
    const central = Buffer.concat([
      fields([4, 0x02014b50], [2, (3 << 8) | 20], [2, 20], [2, 0x800], [2, method], [2, 0], [2, 0x21], [4, crc]),
      fields([4, stored.length], [4, e.declaredSize ?? data.length], [2, name.length], [2, 0], [2, 0], [2, 0]),
      fields([2, 0], [4, ((e.mode ?? 0o100644) << 16) >>> 0], [4, offset]),
    ]);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const cd = Buffer.concat(centrals);
  const n = entries.length;
  const end = fields([4, 0x06054b50], [2, 0], [2, 0], [2, n], [2, n], [4, cd.length], [4, offset], [2, 0]);
  return Buffer.concat([...locals, cd, end]);
}

let work: string;
let zipDir: string;
let dest: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'safe-extract-'));
  zipDir = path.join(work, 'zips');
  await mkdir(zipDir);
  dest = path.join(work, 'out', 'dest');
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeZip(entries: RawEntry[]): Promise<string> {
  const file = path.join(zipDir, 'test.zip');
  await writeFile(file, rawZip(entries));
  return file;
}

async function expectUnsafe(promise: Promise<unknown>, mentioning: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(UnsafeArchiveError);
  await expect(promise).rejects.toThrow(mentioning);
}

describe('safeExtract on normal archives', () => {
  it('extracts nested files and directory entries made by yazl', async () => {
    const zip = new yazl.ZipFile();
    zip.addEmptyDirectory('logs/');
    zip.addBuffer(Buffer.from('top'), 'top.txt');
    zip.addBuffer(Buffer.from('deep content'), 'a/b/c.json');
    zip.addBuffer(Buffer.alloc(50_000, 'x'), 'a/big.bin');
    zip.end();
    const file = path.join(zipDir, 'normal.zip');
    await pipeline(zip.outputStream, createWriteStream(file));

    const result = await safeExtract(file, dest);

    expect(result.files).toEqual(['top.txt', 'a/b/c.json', 'a/big.bin']);
    expect(result.bytes).toBe(3 + 12 + 50_000);
    expect(await tree(dest)).toEqual(['a/', 'a/b/', 'a/b/c.json', 'a/big.bin', 'logs/', 'top.txt']);
    expect(await readFile(path.join(dest, 'a/b/c.json'), 'utf8')).toBe('deep content');
  });

  it('writes *** for the secrets it is given, in stored and deflated files, and lists the files that had one', async () => {
    const token = 'glpat-SecretToken123456';
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const file = await writeZip([
      { name: 'logs/run.log', data: Buffer.from(`Cloning https://oauth2:${token}@git.example.com/repo.git\nok ${token}\n`), deflate: true },
      { name: 'results/plain.txt', data: Buffer.from(`stored ${token} too`) },
      { name: 'results/data.bin', data: binary, deflate: true },
    ]);
    const result = await safeExtract(file, dest, { scrub: [Buffer.from(token)] });
    expect(result.scrubbed.sort()).toEqual(['logs/run.log', 'results/plain.txt']);
    expect(await readFile(path.join(dest, 'logs', 'run.log'), 'utf8')).toBe('Cloning https://oauth2:***@git.example.com/repo.git\nok ***\n');
    expect(await readFile(path.join(dest, 'results', 'plain.txt'), 'utf8')).toBe('stored *** too');
    expect((await readFile(path.join(dest, 'results', 'data.bin'))).equals(binary)).toBe(true);
  });

  it('treats backslashes from Windows-made zips as separators', async () => {
    const file = await writeZip([{ name: 'dir\\sub\\file.txt', data: Buffer.from('w') }]);
    const result = await safeExtract(file, dest);
    expect(result.files).toEqual(['dir/sub/file.txt']);
    expect(await readFile(path.join(dest, 'dir', 'sub', 'file.txt'), 'utf8')).toBe('w');
  });

  it('with Windows rules, writes names Windows cannot hold (a colon, ?, a device name, a trailing dot) with _ and says which', async () => {
    const file = await writeZip([
      { name: 'logs/run-2024-01-01T10:00:00.log', data: Buffer.from('log') },
      { name: 'results/why?.txt', data: Buffer.from('?') },
      { name: 'aux.txt', data: Buffer.from('aux') },
      { name: 'con/notes.', data: Buffer.from('dot') },
      { name: 'plain.txt', data: Buffer.from('plain') },
    ]);
    const result = await safeExtract(file, dest, { windowsNames: true });
    expect(result.files).toEqual(['logs/run-2024-01-01T10_00_00.log', 'results/why_.txt', '_aux.txt', '_con/notes_', 'plain.txt']);
    expect(result.renamed).toEqual([
      { from: 'logs/run-2024-01-01T10:00:00.log', to: 'logs/run-2024-01-01T10_00_00.log' },
      { from: 'results/why?.txt', to: 'results/why_.txt' },
      { from: 'aux.txt', to: '_aux.txt' },
      { from: 'con/notes.', to: '_con/notes_' },
    ]);
    expect(await readFile(path.join(dest, 'logs', 'run-2024-01-01T10_00_00.log'), 'utf8')).toBe('log');
    expect(await tree(dest)).toEqual(['_aux.txt', '_con/', '_con/notes_', 'logs/', 'logs/run-2024-01-01T10_00_00.log', 'plain.txt', 'results/', 'results/why_.txt']);
  });

  it('with Windows rules, counts a renamed entry and one already named so as duplicates', async () => {
    const file = await writeZip([
      { name: 'log:1.txt', data: Buffer.from('1') },
      { name: 'log_1.txt', data: Buffer.from('2') },
    ]);
    await expectUnsafe(safeExtract(file, dest, { windowsNames: true }), 'duplicate');
    expect((await safeExtract(file, dest, { windowsNames: false })).renamed).toEqual([]);
  });

  it('extracts an archive with no entries to an empty folder', async () => {
    const file = await writeZip([]);
    expect(await safeExtract(file, dest)).toEqual({ files: [], bytes: 0, scrubbed: [], renamed: [] });
    expect(await tree(dest)).toEqual([]);
  });

  it('replaces a stale regular file left by an earlier run', async () => {
    await mkdir(dest, { recursive: true });
    await writeFile(path.join(dest, 'report.xml'), 'old');
    const file = await writeZip([{ name: 'report.xml', data: Buffer.from('new') }]);
    await safeExtract(file, dest);
    expect(await readFile(path.join(dest, 'report.xml'), 'utf8')).toBe('new');
  });
});

describe('safeExtract on hostile archives', () => {
  it.each([
    ['../evil.txt', '../evil.txt'],
    ['a/../../evil', 'a/../../evil'],
    ['/etc/evil', '/etc/evil'],
    ['C:\\evil', 'C:/evil'],
    ['\\\\server\\share\\evil', '//server/share/evil'],
    ['ok/\0evil', 'ok/\0evil'],
  ])('rejects the entry %j before writing anything', async (name, shown) => {
    // A harmless entry first: the scan pass must stop before it is written too.
    const file = await writeZip([
      { name: 'harmless.txt', data: Buffer.from('fine') },
      { name, data: Buffer.from('evil') },
    ]);

    await expectUnsafe(safeExtract(file, dest), JSON.stringify(shown));

    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('rejects a symlink entry and creates no link', async () => {
    const file = await writeZip([{ name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]);
    await expectUnsafe(safeExtract(file, dest), 'symbolic link');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('rejects a second entry with the same path', async () => {
    const file = await writeZip([
      { name: 'a.txt', data: Buffer.from('checked') },
      { name: './a.txt', data: Buffer.from('swapped') },
    ]);
    await expectUnsafe(safeExtract(file, dest), 'duplicate');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it.each([
    ['case', 'Report.txt', 'report.txt'],
    ['Unicode normalisation', 'caf\u00e9.txt', 'cafe\u0301.txt'],
    ['a trailing dot Windows drops', 'dir/a.txt', 'DIR/a.txt.'],
    // Letters with two lower-case forms that meet at one upper case, as case-insensitive file systems compare them.
    ['micro sign and mu', '\u00b5s.log', '\u03bcs.log'],
    ['final and medial sigma', '\u03c3.txt', '\u03c2.txt'],
    ['long s and s', '\u017f.txt', 'S.txt'],
  ])('rejects two entries that differ only by %s where the file system would make them one file', async (_what, first, second) => {
    const file = await writeZip([
      { name: first, data: Buffer.from('checked') },
      { name: second, data: Buffer.from('swapped') },
    ]);
    await expectUnsafe(safeExtract(file, dest, { foldNames: true }), 'duplicate');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
    // On a file system that keeps them apart (Linux), both are written.
    expect((await safeExtract(file, dest, { foldNames: false })).files).toHaveLength(2);
  });

  it.each([
    ['a folder entry, then a file', [{ name: 'logs/' }, { name: 'logs', data: Buffer.from('file') }], false],
    ['a file, then a file below it', [{ name: 'logs', data: Buffer.from('file') }, { name: 'logs/run.log', data: Buffer.from('x') }], false],
    ['a file below a folder, then a file named as the folder in another case', [{ name: 'Logs/run.log', data: Buffer.from('x') }, { name: 'logs', data: Buffer.from('file') }], true],
  ])('rejects a file and a folder at one path (%s) before writing anything', async (_what, entries, foldNames) => {
    const file = await writeZip(entries);
    await expectUnsafe(safeExtract(file, dest, { foldNames }), 'a file and a folder');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('folds names as macOS and Windows would: case, NFC form and trailing dots and spaces of each segment', () => {
    expect(pathKey('Dir. /Caf\u00c9.TXT', true)).toBe('dir/caf\u00e9.txt');
    expect(pathKey('cafe\u0301', true)).toBe(pathKey('CAF\u00c9', true));
    expect(pathKey('Dir. /A', false)).toBe('Dir. /A');
  });

  it('rejects a file larger than maxEntryBytes', async () => {
    const file = await writeZip([{ name: 'big.bin', data: Buffer.alloc(101, 1) }]);
    await expectUnsafe(safeExtract(file, dest, { maxEntryBytes: 100 }), '"big.bin"');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('rejects files that together exceed maxTotalBytes', async () => {
    const file = await writeZip([
      { name: 'one.bin', data: Buffer.alloc(60, 1) },
      { name: 'two.bin', data: Buffer.alloc(60, 2) },
    ]);
    await expectUnsafe(safeExtract(file, dest, { maxTotalBytes: 100 }), 'in total');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('rejects an entry nested deeper than 64 levels before writing anything, however small the zip', async () => {
    const file = await writeZip([
      { name: 'harmless.txt', data: Buffer.from('fine') },
      // 32,000 levels in a 64 KB name: checking its folders one prefix at a time took ~1 GB and 10 s.
      { name: `d/${'a/'.repeat(32_000)}f.txt`, data: Buffer.from('deep') },
    ]);
    await expectUnsafe(safeExtract(file, dest), 'name is longer than 1024 characters');
    const nested = await writeZip([{ name: `${'a/'.repeat(70)}f.txt`, data: Buffer.from('deep') }]);
    await expectUnsafe(safeExtract(nested, dest), 'nested deeper than 64 levels');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('rejects an archive whose entries imply more than four folders per entry allowed', async () => {
    // Three files, each 60 levels down a tree of its own: 180 folders, more than 3 entries × 4.
    const entries: RawEntry[] = ['x', 'y', 'z'].map((top) => ({ name: `${top}/${'a/'.repeat(59)}f.txt`, data: Buffer.from(top) }));
    await expectUnsafe(safeExtract(await writeZip(entries), dest, { maxEntries: 3 }), 'implies more than 12 folders');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('extracts many files sharing one folder 63 levels down, and a file and a folder sharing a deep path are still refused', async () => {
    const deep = `${'level/'.repeat(63)}`;
    const entries: RawEntry[] = Array.from({ length: 50 }, (_, i) => ({ name: `${deep}f${i}.txt`, data: Buffer.from(`file ${i}`) }));
    const result = await safeExtract(await writeZip(entries), dest);
    expect(result.files).toHaveLength(50);
    expect(await readFile(path.join(dest, ...deep.split('/'), 'f49.txt'), 'utf8')).toBe('file 49');
    await rm(dest, { recursive: true });
    const clash = await writeZip([
      { name: `${deep}f.txt`, data: Buffer.from('folder first') },
      { name: `${'level/'.repeat(30)}level`, data: Buffer.from('a file where a folder is') },
    ]);
    await expectUnsafe(safeExtract(clash, dest), 'a file and a folder share this path');
  });

  it('stops when its signal is aborted, with the signal\'s reason, and removes what it wrote', async () => {
    const entries: RawEntry[] = Array.from({ length: 40 }, (_, i) => ({ name: `logs/f${i}.txt`, data: Buffer.alloc(64 * 1024, i) }));
    const file = await writeZip(entries);
    const controller = new AbortController();
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    // Aborted once the first file is being written.
    const extraction = safeExtract(file, dest, { signal: controller.signal, scrub: [Buffer.from('never-there')] });
    const poll = setInterval(() => {
      void readdir(path.join(dest, 'logs')).then(
        (names) => names.length > 0 && controller.abort(reason),
        () => undefined,
      );
    }, 1);
    try {
      await expect(extraction).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      clearInterval(poll);
    }
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
    // An aborted signal stops it before anything is written.
    await expect(safeExtract(file, dest, { signal: AbortSignal.abort(reason) })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('refuses many lying entries written side by side without the process failing, and removes what it wrote', async () => {
    // Each declares 1 byte and holds 256 KiB that do not compress, so reading it takes many reads: their write
    // pipelines fail while others read beside them. Through yauzl's own reader, a stream destroyed with a read
    // queued threw from that read and killed the process.
    const entries: RawEntry[] = Array.from({ length: 60 }, (_, i) => ({
      name: `logs/f${i}.bin`,
      data: randomBytes(256 * 1024),
      deflate: true,
      declaredSize: 1,
    }));
    await expectUnsafe(safeExtract(await writeZip(entries), dest), 'data is corrupt or inconsistent');
    // Whatever was still being read is given time to come back: nothing may throw once the call has returned.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it("rejects with the signal's reason whatever it is, as the job's cancel aborts with a plain Error", async () => {
    const reason = new Error('received SIGTERM');
    const file = await writeZip([{ name: 'a.txt', data: Buffer.from('x') }]);
    await expect(safeExtract(file, dest, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it.each([[['...', '.../x']], [['.../x', '...']]])(
    'with names folded, refuses %j in the scan: a segment of dots folds to nothing, and a file and a folder share it',
    async (names) => {
      const file = await writeZip(names.map((name) => ({ name, data: Buffer.from(name) })));
      await expectUnsafe(safeExtract(file, dest, { foldNames: true, windowsNames: false }), 'a file and a folder share this path');
      expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
    },
  );

  it('refuses an entry whose data does not match the CRC-32 the archive records, and removes what it wrote', async () => {
    const data = Buffer.from('case 1 passed\n'.repeat(100));
    const file = await writeZip([
      { name: 'logs/a.txt', data: Buffer.from('fine') },
      { name: 'logs/b.txt', data, deflate: true, crc: (zlib.crc32(data) ^ 1) >>> 0 },
    ]);
    await expectUnsafe(safeExtract(file, dest), '"logs/b.txt" is unsafe: data is corrupt (its CRC-32 does not match the one the archive records)');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('rejects an archive with more entries than maxEntries', async () => {
    const file = await writeZip([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    await expectUnsafe(safeExtract(file, dest, { maxEntries: 2 }), '3 entries');
  });

  it('stops at an entry that inflates past its declared size and removes what it wrote', async () => {
    await mkdir(dest, { recursive: true });
    await writeFile(path.join(dest, 'keep.txt'), 'not ours');
    const file = await writeZip([
      { name: 'first/ok.txt', data: Buffer.from('written before the bomb') },
      { name: 'first/bomb.bin', data: Buffer.alloc(200_000), deflate: true, declaredSize: 10 },
    ]);

    await expectUnsafe(safeExtract(file, dest, { maxTotalBytes: 1000 }), 'too many bytes');

    expect(await tree(work)).toEqual(['out/', 'out/dest/', 'out/dest/keep.txt', 'zips/', 'zips/test.zip']);
  });

  it('removes the destination it created when extraction fails midway', async () => {
    const file = await writeZip([
      { name: 'ok.txt', data: Buffer.from('fine') },
      { name: 'bomb.bin', data: Buffer.alloc(50_000), deflate: true, declaredSize: 5 },
    ]);
    await expectUnsafe(safeExtract(file, dest), 'bomb.bin');
    expect(await tree(work)).toEqual(['zips/', 'zips/test.zip']);
  });

  it('removes the files being written beside it when a folder cannot be made, waiting for them first', async () => {
    const outside = path.join(work, 'outside');
    await mkdir(outside);
    // Stale files at the entries' paths slow their opening (each is looked at and removed first), so the writes are
    // still in flight when the symlink in the way of the next entry's folder stops the pass.
    await mkdir(path.join(dest, 'a'), { recursive: true });
    for (let i = 0; i < 7; i++) await writeFile(path.join(dest, 'a', `f${i}.txt`), 'stale');
    await symlink(outside, path.join(dest, 'link'));
    const entries: RawEntry[] = Array.from({ length: 7 }, (_, i) => ({ name: `a/f${i}.txt`, data: Buffer.from(`from the archive ${i}`) }));
    entries.push({ name: 'link/x.txt', data: Buffer.from('x') });
    await expectUnsafe(safeExtract(await writeZip(entries), dest), '"link"');
    // Nothing this call created is left (the stale files it replaced are gone, as documented), and nothing reached outside.
    expect(await readdir(path.join(dest, 'a'))).toEqual([]);
    expect(await readdir(outside)).toEqual([]);
  });

  it('with many files written side by side, lists them in the archive order and leaves each one whole', async () => {
    // Sizes vary so that writes started later can finish first.
    const entries = Array.from({ length: 60 }, (_, i) => ({ name: `suite${i % 3}/case${i}/log.txt`, data: Buffer.alloc(((i * 7919) % 50) * 1000 + 1, i), deflate: i % 2 === 0 }));
    const result = await safeExtract(await writeZip(entries), dest);
    expect(result.files).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(await readFile(path.join(dest, e.name))).toEqual(e.data);
  });

  it('when one of many files fails, removes every file written beside it or after it, and names the failing one', async () => {
    const entries: RawEntry[] = Array.from({ length: 40 }, (_, i) => ({ name: `dir${i % 4}/file${i}.txt`, data: Buffer.alloc(2000, i) }));
    entries.splice(12, 0, { name: 'dir1/bomb.bin', data: Buffer.alloc(50_000), deflate: true, declaredSize: 5 });
    await mkdir(dest, { recursive: true });
    await writeFile(path.join(dest, 'keep.txt'), 'not ours');
    await expectUnsafe(safeExtract(await writeZip(entries), dest), 'dir1/bomb.bin');
    expect(await tree(dest)).toEqual(['keep.txt']);
  });

  it('refuses to write through a symlinked directory already in the destination', async () => {
    const outside = path.join(work, 'outside');
    await mkdir(outside);
    await mkdir(dest, { recursive: true });
    await symlink(outside, path.join(dest, 'sub'));
    const file = await writeZip([{ name: 'sub/planted.txt', data: Buffer.from('x') }]);

    await expectUnsafe(safeExtract(file, dest), '"sub"');

    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses a destination folder that is itself a symlink', async () => {
    const outside = path.join(work, 'outside');
    await mkdir(outside);
    await mkdir(path.dirname(dest), { recursive: true });
    await symlink(outside, dest);
    const file = await writeZip([{ name: 'payload.txt', data: Buffer.from('x') }]);

    await expectUnsafe(safeExtract(file, dest), 'symbolic link');

    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses to replace a symlink already in the destination', async () => {
    const outside = path.join(work, 'target.txt');
    await writeFile(outside, 'original');
    await mkdir(dest, { recursive: true });
    await symlink(outside, path.join(dest, 'report.xml'));
    const file = await writeZip([{ name: 'report.xml', data: Buffer.from('overwritten') }]);

    await expectUnsafe(safeExtract(file, dest), 'symbolic link');

    expect(await readFile(outside, 'utf8')).toBe('original');
    expect(await readlink(path.join(dest, 'report.xml'))).toBe(outside);
  });

  it('reports a file that is not a zip as an unsafe archive', async () => {
    const file = path.join(zipDir, 'junk.zip');
    await writeFile(file, 'this is not a zip file at all, just some text');
    await expectUnsafe(safeExtract(file, dest), 'junk.zip');
  });
});
