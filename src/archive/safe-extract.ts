/**
 * Extracts an untrusted zip (the run artifact the server hands us) without
 * letting it write outside the destination, plant symlinks, or fill the disk.
 * Two passes over one open archive:
 *  1. Scan: validate every entry (name, type, declared size, duplicates,
 *     entry count) before anything is written, so a hostile name writes nothing.
 *  2. Write: create directories one segment at a time (refusing existing
 *     symlinks on the way), write files with O_EXCL, and count the bytes
 *     actually written, because declared sizes can lie.
 * If the write pass fails for any reason, everything this call created is
 * removed again, so a failed extraction leaves the destination as it was
 * (apart from stale regular files that an entry had already replaced).
 */
import type { Stats } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gcNudge } from '../streams/gc-nudge.js';
import { createSecretScrubber } from '../streams/secret-scrubber.js';
import { types } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { UnsafeArchiveError } from '../core/errors.js';
import { foldsNames, pathKey } from '../core/path-key.js';
import { windowsSegment } from './windows-names.js';

/** Caps for {@link safeExtract}. */
export interface ExtractLimits {
  /** Most bytes all files together may expand to. Default 1 GiB. */
  maxTotalBytes?: number;
  /** Most entries (files and directories) the archive may have. Default 20 000. */
  maxEntries?: number;
  /** Most bytes one file may expand to. Default: `maxTotalBytes`. */
  maxEntryBytes?: number;
}

/** {@link safeExtract}'s caps, and how it compares entry paths. */
export interface ExtractOptions extends ExtractLimits {
  /**
   * Compare entry paths as a case-insensitive file system does (macOS's and
   * Windows' default), where `A.txt` and `a.txt` are one file. Default: on
   * those platforms.
   */
  foldNames?: boolean;
  /**
   * Write names Windows cannot hold (`:` and the other characters NTFS
   * refuses, device names, trailing dots and spaces) with `_` instead (see
   * windowsSegment). Default: on Windows.
   */
  windowsNames?: boolean;
  /**
   * Secrets' bytes to write as `***` in every extracted file (the server's
   * artifact may hold its own log, printing the project's git token).
   */
  scrub?: readonly Buffer[];
}

/** What {@link safeExtract} wrote. */
export interface ExtractResult {
  /** Extracted files (not directories), relative to the destination, `/`-separated, in archive order. */
  files: string[];
  /** Total bytes written. */
  bytes: number;
  /** Files in which a secret was replaced (see ExtractOptions.scrub), as in `files`. */
  scrubbed: string[];
  /** Files written under another name (see ExtractOptions.windowsNames): the archive's and the one in `files`. */
  renamed: { from: string; to: string }[];
}

/** Running total shared by the byte limiters of one extraction. */
export interface ByteBudget {
  used: number;
  readonly max: number;
}

/** Where an entry goes. `rel` is '' for the destination itself (e.g. a `./` entry). */
export interface EntryTarget {
  rel: string;
  isDirectory: boolean;
  /** The name as the archive gives it (normalised as `rel`), when `rel` spells it otherwise. */
  renamedFrom?: string;
}

type Planned = EntryTarget & { entry: Entry };

/** State of one write pass; `created` lists what a failure must undo. */
interface WritePass {
  zip: ZipFile;
  root: string;
  maxEntryBytes: number;
  budget: ByteBudget;
  /** Secrets' bytes to replace; empty for none. */
  scrub: readonly Buffer[];
  /** Files a secret was replaced in, relative, `/`-separated. */
  scrubbed: string[];
  created: { top: string | undefined; dirs: string[]; files: string[] };
  checkedDirs: Set<string>;
}

const DEFAULT_MAX_TOTAL_BYTES = 1024 ** 3;
const DEFAULT_MAX_ENTRIES = 20_000;
/**
 * Files written at once. One after another, each file waited on several
 * round trips to libuv's thread pool (open, the entry's header read,
 * inflate, write, close): 20,000 small entries took ~31 s, mostly idle.
 */
const EXTRACT_CONCURRENCY = 8;
/** Entries declaring more than this are not written beside other files (see writePlanned). */
const CONCURRENT_ENTRY_MAX_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** yauzl's own name checks; their messages end with the offending name. */
const YAUZL_NAME_ERROR = /^(absolute path|invalid relative path|invalid characters in fileName): ([\s\S]*)$/;

/**
 * Extract `zipPath` into `destDir` (created if missing). Throws
 * UnsafeArchiveError naming the entry for absolute or escaping paths, NUL in
 * names, symlink entries, duplicates, or when a cap is exceeded; also for a
 * corrupt archive. Filesystem errors propagate unchanged. Existing regular
 * files at an entry's path are replaced; existing symlinks never are.
 */
export async function safeExtract(
  zipPath: string,
  destDir: string,
  limits: ExtractOptions = {},
): Promise<ExtractResult> {
  const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const maxEntryBytes = limits.maxEntryBytes ?? maxTotalBytes;
  const caps = { maxTotalBytes, maxEntryBytes, maxEntries: limits.maxEntries ?? DEFAULT_MAX_ENTRIES };
  const fold = limits.foldNames ?? foldsNames();
  const windowsNames = limits.windowsNames ?? process.platform === 'win32';
  const root = path.resolve(destDir);
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false, // backslashes become '/', then get checked like any separator
    });
  } catch (error) {
    throw translateError(error, zipPath);
  }
  try {
    const plan = await scan(zip, root, caps, { fold, windowsNames });
    const budget = { used: 0, max: maxTotalBytes };
    const created = { top: undefined, dirs: [], files: [] };
    const scrub = limits.scrub ?? [];
    return await writePlanned({ zip, root, maxEntryBytes, budget, scrub, scrubbed: [], created, checkedDirs: new Set([root]) }, plan);
  } catch (error) {
    throw translateError(error, zipPath);
  } finally {
    zip.close();
  }
}

/**
 * Validate an entry name and say where it would be written, relative to
 * `destDir`. Backslashes count as separators. Throws UnsafeArchiveError for
 * NUL, absolute or drive paths, any `..` segment, or a resolved path outside
 * `destDir`. With `windowsNames`, each segment is spelled as Windows can
 * hold it (see windowsSegment).
 */
export function resolveEntryTarget(destDir: string, name: string, windowsNames = false): EntryTarget {
  if (name === '') throw unsafe(name, 'empty name');
  if (name.includes('\0')) throw unsafe(name, 'name contains a NUL character');
  const normalised = name.replace(/\\/g, '/');
  if (normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised)) throw unsafe(name, 'absolute path');
  const given = normalised.split('/').filter((s) => s !== '' && s !== '.');
  if (given.includes('..')) throw unsafe(name, "path contains a '..' segment");
  const segments = windowsNames ? given.map(windowsSegment) : given;
  const isDirectory = normalised.endsWith('/');
  const root = path.resolve(destDir);
  // Belt and braces: whatever the platform's path rules make of the segments,
  // the result must stay inside the destination.
  const relative = path.relative(root, path.resolve(root, ...segments));
  if (!isInside(relative)) throw unsafe(name, 'path escapes the destination');
  if (relative === '' && !isDirectory) throw unsafe(name, 'file entry names the destination itself');
  const rel = segments.join('/');
  return rel === given.join('/') ? { rel, isDirectory } : { rel, isDirectory, renamedFrom: given.join('/') };
}

/**
 * A pass-through that fails with UnsafeArchiveError as soon as the bytes of
 * one entry exceed `maxEntryBytes` or the shared `total` exceeds its max.
 * The chunk that crosses a limit is not passed on.
 */
export function createByteLimiter(entryName: string, maxEntryBytes: number, total: ByteBudget): Transform {
  let entryBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      entryBytes += chunk.length;
      total.used += chunk.length;
      if (entryBytes > maxEntryBytes) {
        callback(unsafe(entryName, `expands to more than the per-file limit of ${maxEntryBytes} bytes`));
      } else if (total.used > total.max) {
        callback(unsafe(entryName, `archive expands to more than the limit of ${total.max} bytes in total`));
      } else {
        callback(null, chunk);
      }
    },
  });
}

/** Pass 1: validate every entry; nothing is written. */
async function scan(zip: ZipFile, root: string, caps: Required<ExtractLimits>, names: { fold: boolean; windowsNames: boolean }): Promise<Planned[]> {
  const { fold } = names;
  if (zip.entryCount > caps.maxEntries) {
    throw new UnsafeArchiveError(`Archive has ${zip.entryCount} entries; the limit is ${caps.maxEntries}.`);
  }
  const plan: Planned[] = [];
  const seen = new Set<string>();
  // Every folder the archive implies: a file at one of these paths (or a folder at a file's) could not be written.
  const folders = new Set<string>();
  let declaredTotal = 0;
  for await (const entry of zip.eachEntry()) {
    const name = entry.fileName;
    const target = resolveEntryTarget(root, name, names.windowsNames);
    const isLink = ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
    if (isLink) throw unsafe(name, 'symbolic links are not allowed');
    if (!target.isDirectory) {
      if (!entry.canDecodeFileData()) throw unsafe(name, 'encrypted or uses an unsupported compression method');
      if (entry.uncompressedSize > caps.maxEntryBytes) {
        throw unsafe(name, `declares ${entry.uncompressedSize} bytes; the per-file limit is ${caps.maxEntryBytes}`);
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > caps.maxTotalBytes) {
        throw unsafe(name, `archive declares more than the limit of ${caps.maxTotalBytes} bytes in total`);
      }
      // A second entry with the same path could silently replace a checked file.
      const key = pathKey(target.rel, fold);
      if (seen.has(key)) throw unsafe(name, 'duplicate entry');
      if (folders.has(key)) throw unsafe(name, 'a file and a folder share this path');
      seen.add(key);
    }
    if (target.rel !== '') {
      const segments = pathKey(target.rel, fold).split('/');
      for (let depth = 1; depth < segments.length + (target.isDirectory ? 1 : 0); depth++) {
        const folder = segments.slice(0, depth).join('/');
        if (seen.has(folder)) throw unsafe(name, 'a file and a folder share this path');
        folders.add(folder);
      }
      plan.push({ ...target, entry });
    }
  }
  return plan;
}

/** Pass 2: write the planned entries; on failure remove what was created. */
async function writePlanned(pass: WritePass, plan: Planned[]): Promise<ExtractResult> {
  try {
    pass.created.top = await mkdir(pass.root, { recursive: true });
    // mkdir succeeds on a symlink to a directory; writing through one would land outside.
    if ((await lstatOrUndefined(pass.root))?.isSymbolicLink()) {
      throw new UnsafeArchiveError(`Not extracting into ${pass.root}: it is a symbolic link.`);
    }
    // Folders are made in order, one at a time (each is checked for a symlink in the way before anything goes
    // into it); small files are written EXTRACT_CONCURRENCY at a time, a large one once the writes before it are
    // done, so memory stays what one large file needs. The scan made sure no two entries share a path, so files
    // written side by side never meet.
    const writing = new Set<Promise<void>>();
    let failed: { error: unknown } | undefined;
    for (const item of plan) {
      const room = item.entry.uncompressedSize > CONCURRENT_ENTRY_MAX_BYTES ? 1 : EXTRACT_CONCURRENCY;
      while (writing.size >= room) await Promise.race(writing);
      if (failed) break;
      const segments = item.rel.split('/');
      await ensureDirectory(pass, item.isDirectory ? segments : segments.slice(0, -1));
      if (item.isDirectory) continue;
      const write = writeFile(pass, item, path.join(pass.root, ...segments)).catch((error: unknown) => void (failed ??= { error }));
      writing.add(write);
      void write.then(() => writing.delete(write));
    }
    await Promise.all(writing);
    if (failed) throw failed.error;
    // Every planned file was written (any failure threw above): listed in the archive's order, whatever order
    // the writes finished in.
    const written = plan.filter((item) => !item.isDirectory);
    const scrubbed = new Set(pass.scrubbed);
    return {
      files: written.map((item) => item.rel),
      bytes: pass.budget.used,
      scrubbed: written.filter((item) => scrubbed.has(item.rel)).map((item) => item.rel),
      renamed: written.flatMap((item) => (item.renamedFrom !== undefined ? [{ from: item.renamedFrom, to: item.rel }] : [])),
    };
  } catch (error) {
    await removeCreated(pass.created);
    throw error;
  }
}

/**
 * Create `root/segments…` one level at a time. An existing symlink (or
 * non-directory) on the way is refused: following it could put files outside
 * the destination.
 */
async function ensureDirectory(pass: WritePass, segments: string[]): Promise<void> {
  let current = pass.root;
  for (const segment of segments) {
    current = path.join(current, segment);
    if (pass.checkedDirs.has(current)) continue;
    // mkdir first: in a fresh folder, the usual case, that is the only call. It makes nothing where anything
    // exists, a symlink included, and only then is what is there looked at.
    if (await mkdirIfMissing(current)) {
      pass.created.dirs.push(current);
    } else {
      const info = await lstat(current);
      if (info.isSymbolicLink() || !info.isDirectory()) {
        throw unsafe(path.relative(pass.root, current), 'an existing symlink or file is in the way of a directory');
      }
    }
    pass.checkedDirs.add(current);
  }
}

async function writeFile(pass: WritePass, { entry, rel }: Planned, target: string): Promise<void> {
  const name = entry.fileName;
  const handle = await createExclusive(target, name);
  pass.created.files.push(target);
  let source: Readable;
  try {
    source = await pass.zip.openReadStreamPromise(entry);
  } catch (error) {
    await handle.close();
    throw error;
  }
  // No await between opening the entry and piping it: yauzl's stream can fail
  // as soon as data flows, and an error with no listener would crash the process.
  const limiter = createByteLimiter(name, pass.maxEntryBytes, pass.budget);
  const stages: Transform[] = [limiter];
  if (pass.scrub.length > 0) {
    stages.push(createSecretScrubber(pass.scrub, () => pass.scrubbed.push(rel)));
  }
  await pipeline([source, ...stages, gcNudge(), handle.createWriteStream()]).catch((error: unknown) => {
    // yauzl's size check (an entry lying about its size) and zlib errors surface here.
    if (!isForeignArchiveError(error)) throw error;
    throw unsafe(name, `data is corrupt or inconsistent (${error.message})`);
  });
}

/** Makes the folder `dir`; false, making nothing, when something exists at that path. */
async function mkdirIfMissing(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Opens `target` as a new file. 'wx' (O_EXCL) opens nothing that exists,
 * symlinks included, so it is tried first: in a fresh folder, the usual
 * case, that is the only call. Stale results from an earlier run in the same
 * workspace are replaced; a symlink in the way is refused, as following it
 * could write outside the destination.
 */
async function createExclusive(target: string, name: string): Promise<FileHandle> {
  try {
    return await open(target, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const existing = await lstatOrUndefined(target);
  if (existing?.isSymbolicLink()) throw unsafe(name, 'would replace an existing symbolic link');
  if (existing?.isFile()) await unlink(target);
  return open(target, 'wx', 0o644);
}

/** Best-effort undo; never hides the error that caused it. */
async function removeCreated(created: WritePass['created']): Promise<void> {
  for (const file of created.files.reverse()) await unlink(file).catch(() => undefined);
  for (const dir of created.dirs.reverse()) await rmdir(dir).catch(() => undefined);
  if (created.top) await rm(created.top, { recursive: true, force: true }).catch(() => undefined);
}

function lstatOrUndefined(target: string): Promise<Stats | undefined> {
  return lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return undefined;
  });
}

/**
 * Our own errors and filesystem errors pass through; yauzl's name checks
 * become UnsafeArchiveError naming the entry; any other yauzl or zlib error
 * (bad signatures, size mismatch of a lying entry, corrupt data) means the
 * archive cannot be trusted either.
 */
function translateError(error: unknown, zipPath: string): unknown {
  if (!isForeignArchiveError(error)) return error;
  const nameError = YAUZL_NAME_ERROR.exec(error.message);
  if (nameError) return unsafe(nameError[2] ?? '', nameError[1] ?? 'invalid name');
  const message = `Archive ${path.basename(zipPath)} is corrupt or inconsistent: ${error.message}`;
  return new UnsafeArchiveError(message, { cause: error });
}

/** True for a `path.relative` result that stays inside its base ('..foo' is a fine name). */
function isInside(relative: string): boolean {
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * An error from yauzl or zlib about the archive's content: not ours, not a filesystem
 * error (those carry `syscall`). isNativeError also sees errors from another realm.
 */
function isForeignArchiveError(error: unknown): error is Error {
  if (error instanceof UnsafeArchiveError) return false;
  return (types.isNativeError(error) || error instanceof Error) && !('syscall' in error);
}

/** The name is JSON-quoted so control characters in it cannot reshape the log. */
function unsafe(name: string, reason: string): UnsafeArchiveError {
  const shown = JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
  return new UnsafeArchiveError(`Archive entry ${shown} is unsafe: ${reason}.`);
}
