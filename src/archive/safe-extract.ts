/**
 * Extracts an untrusted zip (the run artifact the server hands us) without
 * letting it write outside the destination, plant symlinks, or fill the disk.
 * Two passes over one open archive:
 *  1. Scan (./extract-plan.ts): validate every entry (name, type, declared
 *     size, duplicates, entry count) before anything is written, so a
 *     hostile name writes nothing.
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
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { types } from 'node:util';
import type { ZipFile } from 'yauzl';
import { UnsafeArchiveError } from '../core/errors.js';
import { foldsNames } from '../core/path-key.js';
import { gcNudge } from '../streams/gc-nudge.js';
import { createSecretScrubber } from '../streams/secret-scrubber.js';
import { type ByteBudget, createByteLimiter, type ExtractLimits, type Planned, scan, unsafe } from './extract-plan.js';
import { openZip } from './zip-reader.js';

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
  /**
   * Stops the extraction (its error is the signal's reason, or an AbortError),
   * removing what it wrote, as any failure does: the artifact's time budget
   * and the job's cancel reach the extraction too.
   */
  signal?: AbortSignal;
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
  signal: AbortSignal | undefined;
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
  const { signal } = limits;
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath, {
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false, // backslashes become '/', then get checked like any separator
    });
  } catch (error) {
    throw translateError(error, zipPath);
  }
  try {
    const plan = await scan(zip, root, caps, { fold, windowsNames }, signal);
    const budget = { used: 0, max: maxTotalBytes };
    const created = { top: undefined, dirs: [], files: [] };
    const scrub = limits.scrub ?? [];
    return await writePlanned({ zip, root, maxEntryBytes, budget, scrub, scrubbed: [], created, checkedDirs: new Set([root]), signal }, plan);
  } catch (error) {
    // Stopped by the signal: its reason, whatever it is (the job's cancel aborts with a plain Error), not the
    // AbortError a write pipeline throws, nor a corrupt archive.
    if (signal?.aborted) throw signal.reason;
    throw translateError(error, zipPath);
  } finally {
    zip.close();
  }
}

/** Pass 2: write the planned entries; on failure remove what was created. */
async function writePlanned(pass: WritePass, plan: Planned[]): Promise<ExtractResult> {
  const writing = new Set<Promise<void>>();
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
    let failed: { error: unknown } | undefined;
    for (const item of plan) {
      const room = item.entry.uncompressedSize > CONCURRENT_ENTRY_MAX_BYTES ? 1 : EXTRACT_CONCURRENCY;
      while (writing.size >= room) await Promise.race(writing);
      if (failed) break;
      pass.signal?.throwIfAborted();
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
    // A folder that could not be made (a symlink in the way) stops the pass while files beside it are still being
    // opened: wait for them, so that each one created is listed before the clean-up, rather than left behind.
    await Promise.allSettled(writing);
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
  // Most entries go into a folder an earlier one made: one lookup, not one per level (a deep tree made this
  // quadratic). The segments were checked by the scan, so joining them with the separator is all path.join would do.
  if (pass.checkedDirs.has(segments.length === 0 ? pass.root : pass.root + path.sep + segments.join(path.sep))) return;
  let current = pass.root;
  for (const segment of segments) {
    current = current + path.sep + segment;
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
  const limiter = createByteLimiter(name, pass.maxEntryBytes, pass.budget, entry.crc32);
  const stages: Transform[] = [limiter];
  if (pass.scrub.length > 0) {
    stages.push(createSecretScrubber(pass.scrub, () => pass.scrubbed.push(rel)));
  }
  await pipeline([source, ...stages, gcNudge(), handle.createWriteStream()], pass.signal ? { signal: pass.signal } : {}).catch((error: unknown) => {
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

/**
 * An error from yauzl or zlib about the archive's content: not ours, not a filesystem
 * error (those carry `syscall`). isNativeError also sees errors from another realm.
 */
function isForeignArchiveError(error: unknown): error is Error {
  if (error instanceof UnsafeArchiveError) return false;
  return (types.isNativeError(error) || error instanceof Error) && !('syscall' in error);
}
