/**
 * Builds zip archives for tests and the emulator, including hostile ones
 * (zip-slip, absolute paths, symlinks, bombs) that well-behaved zip writers
 * refuse to produce. yazl validates entry names, so hostile names are written
 * under a same-length placeholder and patched in the finished bytes.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** One entry of a zip to build. Names are written verbatim, hostile or not. */
export type ZipEntrySpec =
  | { name: string; content: string | Buffer; compress?: boolean; mode?: number }
  | { name: string; directory: true }
  | { name: string; symlinkTarget: string };

/** What a zip contains, read without yauzl's name validation so hostile names show. */
export interface ZipEntryInfo {
  /** The raw entry name decoded as UTF-8 (backslashes kept). */
  name: string;
  uncompressedSize: number;
  compressedSize: number;
  isDirectory: boolean;
  isSymlink: boolean;
}

/** Kinds of hostile archives `makeHostileZip` can build. */
export type HostileZipKind =
  | 'zip-slip'
  | 'zip-slip-backslash'
  | 'absolute-path'
  | 'windows-drive'
  | 'symlink'
  | 'bomb'
  | 'many-entries'
  | 'corrupt';

const S_IFLNK_RWX = 0o120777;

/** Names yazl would reject (the same rule set it applies), so they need patching. */
function needsPatching(name: string): boolean {
  const normalised = name.replace(/\\/g, '/');
  return name.includes('\\') || /^[a-zA-Z]:/.test(normalised) || normalised.startsWith('/') || normalised.split('/').includes('..');
}

function placeholderFor(name: string): string {
  const length = Buffer.byteLength(name, 'utf8');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  // keep a trailing slash so yazl's directory rule is satisfied the same way
  return name.endsWith('/') ? `${out.slice(0, -1)}/` : out;
}

function indexesOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function addEntry(zip: yazl.ZipFile, entry: ZipEntrySpec, name: string): void {
  if ('directory' in entry) zip.addEmptyDirectory(name);
  else if ('symlinkTarget' in entry) zip.addBuffer(Buffer.from(entry.symlinkTarget), name, { mode: S_IFLNK_RWX, compress: false });
  else {
    const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : entry.content;
    zip.addBuffer(content, name, { compress: entry.compress ?? true, ...(entry.mode === undefined ? {} : { mode: entry.mode }) });
  }
}

async function tryBuild(entries: readonly ZipEntrySpec[]): Promise<Buffer | undefined> {
  const zip = new yazl.ZipFile();
  const patches: { placeholder: Buffer; real: Buffer }[] = [];
  for (const entry of entries) {
    const hostile = needsPatching(entry.name);
    const name = hostile ? placeholderFor(entry.name) : entry.name;
    if (hostile) patches.push({ placeholder: Buffer.from(name), real: Buffer.from(entry.name) });
    addEntry(zip, entry, name);
  }
  zip.end();
  const bytes = await streamToBuffer(zip.outputStream);
  for (const { placeholder, real } of patches) {
    const at = indexesOf(bytes, placeholder);
    // exactly the local header and the central directory record; anything else is a collision
    if (at.length !== 2) return undefined;
    for (const offset of at) real.copy(bytes, offset);
  }
  return bytes;
}

/** Builds a zip in memory. Entry names are kept byte for byte, even `../x` or `/etc/x`. */
export async function makeZipBuffer(entries: readonly ZipEntrySpec[]): Promise<Buffer> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const bytes = await tryBuild(entries);
    if (bytes) return bytes;
  }
  throw new RangeError('could not place a unique placeholder for a hostile entry name (name too short?)');
}

/** Writes a zip to `path` and returns its size in bytes. */
export async function writeZipFile(path: string, entries: readonly ZipEntrySpec[]): Promise<number> {
  const bytes = await makeZipBuffer(entries);
  await writeFile(path, bytes);
  return bytes.length;
}

/** A readable of `size` bytes in chunks of at most `chunkSize`, each made by `chunk(n)` when asked for. */
function sizedStream(size: number, chunkSize: number, chunk: (n: number) => Buffer): Readable {
  let remaining = size;
  return new Readable({
    read() {
      if (remaining <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(chunkSize, remaining);
      remaining -= n;
      this.push(chunk(n));
    },
  });
}

/** A readable of `size` incompressible pseudo-random bytes, produced chunk by chunk. */
export function randomBytesStream(size: number, chunkSize = 64 * 1024): Readable {
  return sizedStream(size, chunkSize, (n) => randomBytes(n));
}

/** A readable of `size` zero bytes: compresses about 1000:1, the raw material of a zip bomb. */
export function zerosStream(size: number, chunkSize = 256 * 1024): Readable {
  const zeros = Buffer.alloc(chunkSize);
  return sizedStream(size, chunkSize, (n) => (n === chunkSize ? zeros : zeros.subarray(0, n)));
}

/** A streamed zip: bytes flow as they are read and `totalSize` is known up front when possible. */
export interface StreamedZip {
  stream: Readable;
  /** Exact byte length when every entry is stored uncompressed; otherwise undefined. */
  totalSize: Promise<number | undefined>;
}

/**
 * Streams a zip with one entry fed from `source` (never held in memory).
 * With `compress: false` and a known `size`, yazl can predict the total length,
 * so servers can send a real Content-Length.
 */
export function streamZip(name: string, source: Readable, options: { size?: number; compress: boolean }): StreamedZip {
  const zip = new yazl.ZipFile();
  zip.addReadStream(source, name, { compress: options.compress, ...(options.size === undefined ? {} : { size: options.size }) });
  const out = new PassThrough();
  const totalSize = new Promise<number | undefined>((resolve) => {
    const onSize = (size: number): void => resolve(size >= 0 ? size : undefined);
    zip.on('error', (err: Error) => {
      resolve(undefined);
      out.destroy(err);
    });
    // @types/yazl declares the callback without its argument; yazl passes the size
    zip.end(undefined, onSize as unknown as () => void);
  });
  zip.outputStream.pipe(out);
  // if the consumer goes away, stop producing source bytes
  out.on('close', () => source.destroy());
  return { stream: out, totalSize };
}

/** The benign entries every hostile archive carries next to its payload. */
const BENIGN: ZipEntrySpec[] = [
  { name: 'results/', directory: true },
  { name: 'results/summary.txt', content: 'all good\n' },
];

/** Builds a ready-made hostile archive. `bomb` expands `bombBytes` (default 64 MiB) of zeros. */
export async function makeHostileZip(kind: HostileZipKind, options: { bombBytes?: number; entryCount?: number } = {}): Promise<Buffer> {
  switch (kind) {
    case 'zip-slip':
      return makeZipBuffer([...BENIGN, { name: '../../escaped-zip-slip.txt', content: 'pwned\n' }]);
    case 'zip-slip-backslash':
      return makeZipBuffer([...BENIGN, { name: '..\\..\\escaped-backslash.txt', content: 'pwned\n' }]);
    case 'absolute-path':
      return makeZipBuffer([...BENIGN, { name: '/tmp/testing-studio-escaped-absolute.txt', content: 'pwned\n' }]);
    case 'windows-drive':
      return makeZipBuffer([...BENIGN, { name: 'C:/Windows/escaped-drive.txt', content: 'pwned\n' }]);
    case 'symlink':
      // the classic two-step: a link pointing outside, then a file written through it
      return makeZipBuffer([
        ...BENIGN,
        { name: 'results/evil-link', symlinkTarget: '../../..' },
        { name: 'results/passwd-link', symlinkTarget: '/etc/passwd' },
        { name: 'results/evil-link/escaped-through-link.txt', content: 'pwned\n' },
      ]);
    case 'bomb': {
      const { stream } = streamZip('results/bomb.bin', zerosStream(options.bombBytes ?? 64 * 1024 * 1024), { compress: true });
      return streamToBuffer(stream);
    }
    case 'many-entries': {
      const count = options.entryCount ?? 20_000;
      return makeZipBuffer(Array.from({ length: count }, (_, i) => ({ name: `many/f${i}.txt`, content: '', compress: false })));
    }
    case 'corrupt': {
      const good = await makeZipBuffer(BENIGN);
      // a truncated archive: the end-of-central-directory record is missing
      return good.subarray(0, Math.floor(good.length / 2));
    }
  }
}

/** Lists a zip's entries with raw names (no validation), e.g. to assert a `../` entry exists. */
export function listZipEntries(zip: Buffer): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false }, (err, zipfile) => {
      if (err) {
        reject(err);
        return;
      }
      const entries: ZipEntryInfo[] = [];
      zipfile.on('entry', (entry: yauzl.Entry) => {
        const name = Buffer.from(entry.fileNameRaw).toString('utf8');
        const type = (entry.externalFileAttributes >>> 16) & 0o170000;
        entries.push({
          name,
          uncompressedSize: entry.uncompressedSize,
          compressedSize: entry.compressedSize,
          isDirectory: name.endsWith('/') || type === 0o040000,
          isSymlink: type === 0o120000,
        });
        zipfile.readEntry();
      });
      zipfile.on('end', () => resolve(entries));
      zipfile.on('error', reject);
      zipfile.readEntry();
    });
  });
}
