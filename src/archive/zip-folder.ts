/**
 * Packs a suites folder into a zip for upload, and turns the `suites` input
 * (a folder or a ready-made .zip) into the path of a zip file.
 *
 * The zip is streamed: yazl reads each large file through its own read
 * stream while the output is piped to disk, and small files are read a few
 * at a time just ahead of their entries (read-ahead.ts), so memory stays flat
 * however large the folder.
 */
import { randomUUID } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { createReadStream, createWriteStream, realpathSync } from 'node:fs';
import { mkdir, open, readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gcNudge } from '../streams/gc-nudge.js';
import { ReadAhead } from './read-ahead.js';
import yazl from 'yazl';
import { InputError } from '../core/errors.js';
import { NAMES_SHOWN, listFirst } from '../core/list-text.js';
import { NEVER_UPLOADED, checkSuitesStayInWorkspace, isInsideFolder, isZipSignature, symlinkedFile } from '../core/path-checks.js';

/** What {@link zipFolder} wrote. */
export interface ZipFolderResult {
  /** Number of file entries in the zip (directories not counted). */
  files: number;
  /** Size of the written zip file in bytes. */
  bytes: number;
  /** Human-readable `path: reason` notes for everything deliberately left out. */
  skipped: string[];
}

/** What {@link resolveSuites} produced. */
export interface ResolvedSuites {
  /** Absolute path of the zip to upload. */
  zipPath: string;
  /** True when the zip was created from a folder (the caller may delete it). */
  created: boolean;
  /** Number of files zipped; only set when `created`. */
  files?: number;
  /** Entries left out while zipping; only set when `created`. */
  skipped?: string[];
}

/**
 * Fixed metadata so the same folder always yields the same bytes (useful for
 * caching and for telling "nothing changed" apart). A local-time date with DOS
 * timestamps only keeps the bytes independent of the runner's time zone.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const DIR_MODE = 0o040755;

/** One planned zip entry; `source` is the real file to read. */
type Planned = { kind: 'file'; name: string; source: string } | { kind: 'dir'; name: string };

/** What {@link zipFolder} leaves out, and what stops it. */
export interface ZipFolderOptions {
  /** Folders and files to leave out, by real path, with the reason listed in `skipped`. */
  leaveOut?: ReadonlyMap<string, string>;
  /** Aborting it stops the zip and rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * Zip `folder` into `destZip`, streaming. Paths are stored relative to the
 * folder with forward slashes, in sorted order, with a fixed mtime and modes.
 * Dotfiles and empty directories are kept; `.git` is left out at any depth,
 * silently (see NEVER_UPLOADED). Symlinked files are included (as
 * regular files) only when their real path is inside the folder; symlinked
 * directories are never followed; sockets, FIFOs and devices are skipped.
 * Everything skipped is listed in `skipped`, as are the folders and files
 * `leaveOut` names (by real path, with the reason). IO errors propagate
 * unchanged. Aborting `signal` stops it (a large folder takes seconds to zip,
 * which a cancelled job does not have).
 */
export async function zipFolder(folder: string, destZip: string, options: ZipFolderOptions = {}): Promise<ZipFolderResult> {
  const { leaveOut = new Map<string, string>(), signal } = options;
  const root = await realpath(folder);
  const skipped: string[] = [];
  // If the zip is being written inside the folder, it must not zip itself.
  // Compare real paths: the folder's path may itself go through a symlink.
  const absZip = path.resolve(destZip);
  const exclude = path.join(await realpath(path.dirname(absZip)), path.basename(absZip));
  const planned: Planned[] = [];
  await walk(root, root, '', planned, skipped, { exclude, leaveOut });

  // Measured before anything is added: yazl starts reading the first file as soon as it is added.
  // A few at a time: one after another, 10,000 stats wait ~0.5 s on the thread pool's round trips.
  const files = planned.filter((entry) => entry.kind === 'file');
  const sizes = await mapInBatches(files, STAT_BATCH, (entry) => regularFileSize(entry.source));
  const readAhead = new ReadAhead(files.map((entry, i) => ({ source: entry.source, size: sizes[i] ?? 0 })));

  const zip = new yazl.ZipFile();
  const output = zip.outputStream;
  // The file yazl is reading: its error for a file whose size changed does not say which.
  let reading: string | undefined;
  // yazl reports read failures on the ZipFile, not the output stream; without
  // forwarding them the pipeline below would wait forever.
  const fail = (error: Error): void => {
    const changed = reading !== undefined && !('path' in error);
    const reason = `a folder whose files do not change while it is zipped; '${reading}' changed size (${error.message})`;
    if (output instanceof Readable) output.destroy(changed ? new InputError('suites', reason) : error);
  };
  zip.on('error', fail);
  let fileIndex = 0;
  for (const entry of planned) {
    if (entry.kind === 'dir') {
      zip.addEmptyDirectory(entry.name, { mtime: FIXED_MTIME, mode: DIR_MODE, forceDosTimestamp: true });
      continue;
    }
    const index = fileIndex++;
    // With the size given, yazl checks the bytes read against it, as addFile does with its own stat.
    const options = { size: sizes[index], mtime: FIXED_MTIME, mode: FILE_MODE, forceDosTimestamp: true, compress: true };
    // yazl asks for each entry's data when the entries before it are written.
    zip.addReadStreamLazy(entry.name, options, (done) => {
      reading = entry.source;
      if (!readAhead.isSmall(index)) {
        done(null, createReadStream(entry.source).on('error', fail));
        return;
      }
      readAhead.take(index).then((contents) => done(null, Readable.from([contents], { objectMode: false })), fail);
    });
  }
  zip.end();
  const sink = createWriteStream(destZip);
  await pipeline(output, gcNudge(), sink, { signal });
  return { files: files.length, bytes: sink.bytesWritten, skipped };
}

/**
 * Depth-first, sorted walk that appends to `planned`. Returns the number of
 * entries added below `dir` so empty directories can be recorded as such.
 */
async function walk(
  root: string,
  dir: string,
  prefix: string,
  planned: Planned[],
  skipped: string[],
  left: { exclude: string; leaveOut: ReadonlyMap<string, string> },
): Promise<number> {
  // Names as bytes: read as strings, a name that is not UTF-8 (Linux allows any bytes) would come back with
  // U+FFFD in it, naming no file, and reading it would fail as if the file were missing.
  const entries = (await readdir(dir, { withFileTypes: true, encoding: 'buffer' })).map((entry) => ({
    entry,
    text: utf8OrUndefined(entry.name),
    shown: entry.name.toString('utf8'),
  }));
  // Code-unit order, not localeCompare: the order must not depend on the locale.
  entries.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  let added = 0;
  for (const { entry, text, shown } of entries) {
    if (text === undefined) {
      // A zip stores names as UTF-8; this one has no faithful spelling there.
      skipped.push(`${prefix}${shown}: name is not valid UTF-8`);
      continue;
    }
    const full = path.join(dir, text);
    const name = prefix + text;
    if (full === left.exclude || text === NEVER_UPLOADED) continue;
    const unzippable = unzippableName(text, prefix === '');
    if (unzippable !== undefined) {
      skipped.push(`${name}: ${unzippable}`);
      continue;
    }
    const reason = left.leaveOut.get(full);
    if (reason !== undefined) {
      skipped.push(`${name}: ${reason}`);
      continue;
    }
    if (entry.isDirectory()) {
      const inside = await walk(root, full, `${name}/`, planned, skipped, left);
      // Only empty directories need their own entry; the others are implied by their files.
      if (inside === 0) planned.push({ kind: 'dir', name });
      added += 1;
    } else if (entry.isFile()) {
      planned.push({ kind: 'file', name, source: full });
      added += 1;
    } else if (entry.isSymbolicLink()) {
      const found = symlinkedFile(root, full);
      // What is never uploaded (.git, results-path, the zip itself) is not uploaded through a link either.
      const target = typeof found === 'string' ? (leftOutTarget(root, found, left) ?? found) : found;
      if (typeof target === 'string') {
        planned.push({ kind: 'file', name, source: target });
        added += 1;
      } else {
        skipped.push(`${name}: ${target.reason}`);
      }
    } else {
      skipped.push(`${name}: ${describeSpecial(entry)} is not a regular file`);
    }
  }
  return added;
}

/**
 * Why a name Linux allows cannot be a zip entry's, or undefined: a zip reads
 * '\' as a folder separator and a leading 'C:' as a drive (yazl rewrites the
 * one, which could then meet another file's name, and refuses the other).
 */
function unzippableName(name: string, topLevel: boolean): string | undefined {
  if (name.includes('\\')) return "name holds a '\\', which a zip reads as a folder separator";
  if (topLevel && /^[A-Za-z]:/.test(name)) return 'name reads as a Windows drive in a zip';
  return undefined;
}

/**
 * Why a symlink's target (a real path inside `root`) is left out, as the
 * walk would leave it out: inside `.git`, inside a `leaveOut` path, or the
 * zip being written; undefined when it may be uploaded.
 */
function leftOutTarget(root: string, target: string, left: { exclude: string; leaveOut: ReadonlyMap<string, string> }): { reason: string } | undefined {
  if (target === left.exclude) return { reason: 'symlink to the zip being written' };
  if (path.relative(root, target).split(path.sep).includes(NEVER_UPLOADED)) return { reason: `symlink into ${NEVER_UPLOADED} (never uploaded)` };
  for (const [folder, reason] of left.leaveOut) {
    if (isInsideFolder(folder, target)) return { reason: `symlink into ${reason}` };
  }
  return undefined;
}

/** How many files are measured at once. */
const STAT_BATCH = 16;

/** `map` over `items` with at most `batch` calls of `fn` in flight at once; results in order. */
async function mapInBatches<T, R>(items: readonly T[], batch: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += batch) results.push(...(await Promise.all(items.slice(start, start + batch).map(fn))));
  return results;
}

/** The size of a file planned for the zip; one that is no longer a regular file (a FIFO would block the read forever) fails. */
async function regularFileSize(file: string): Promise<number> {
  const info = await stat(file);
  if (!info.isFile()) throw Object.assign(new Error(`not a regular file any more: ${file}`), { code: 'EINVAL', path: file });
  return info.size;
}

function utf8OrUndefined(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function describeSpecial(entry: Dirent<Buffer>): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return 'entry';
}

/**
 * Turn the `suites` input into a zip path. A relative `pathInput` resolves
 * against `workspace`. A file is used as is if it starts with a zip signature;
 * a directory is zipped to `tempDir/suites-<random>.zip`, leaving out
 * `resultsPath` when it lies inside: an earlier step's results (a second
 * step in the job, `suites: .`) are no suites.
 * Throws InputError('suites', …) when the path is missing, not a zip, or an
 * empty folder; an AbortError when `signal` aborts while zipping.
 */
export async function resolveSuites(
  pathInput: string,
  workspace: string,
  tempDir: string,
  options: { resultsPath?: string; signal?: AbortSignal } = {},
): Promise<ResolvedSuites> {
  const { resultsPath, signal } = options;
  const resolved = path.resolve(workspace, pathInput);
  // Again at zip time: the disk may have changed since the inputs were checked.
  checkSuitesStayInWorkspace(resolved, workspace);
  let info: Stats;
  try {
    info = await stat(resolved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError('suites', `a folder or a .zip file; '${resolved}' does not exist`);
    }
    throw error;
  }
  if (info.isFile()) {
    if (!(await hasZipSignature(resolved))) throw new InputError('suites', 'a folder or a .zip file');
    return { zipPath: resolved, created: false };
  }
  if (!info.isDirectory()) throw new InputError('suites', 'a folder or a .zip file');

  await mkdir(tempDir, { recursive: true });
  const zipPath = path.join(path.resolve(tempDir), `suites-${randomUUID()}.zip`);
  try {
    const realResults = resultsPath === undefined ? undefined : await realpath(resultsPath).catch(() => undefined);
    const leaveOut = new Map(realResults === undefined ? [] : [[realResults, 'results-path (the results of this action)']]);
    const result = await zipFolder(resolved, zipPath, { leaveOut, ...(signal ? { signal } : {}) });
    if (result.files === 0) {
      // Say why: the reasons would otherwise only be printed for a folder that had something to upload.
      const why = result.skipped.length > 0 ? ` (left out: ${listFirst(result.skipped, NAMES_SHOWN, (entry) => entry)})` : '';
      throw new InputError('suites', `a folder with at least one file to upload; '${resolved}' has none${why}`);
    }
    return { zipPath, created: true, files: result.files, skipped: result.skipped };
  } catch (error) {
    await rm(zipPath, { force: true });
    throw suitesReadError(error, resolved) ?? error;
  }
}

/**
 * A file or folder inside the suites that cannot be read (EACCES, EPERM …)
 * is the `suites` input's problem, named as such; a failure to write the zip
 * (a full disk in the temp folder) is not, and is returned as undefined.
 * zipFolder reads through the folder's real path, so a failed path is
 * compared with that as well as with `folder` as given (a suites symlink, or
 * a workspace whose path holds one).
 */
export function suitesReadError(error: unknown, folder: string): InputError | undefined {
  const failed = (error as NodeJS.ErrnoException | undefined)?.path;
  if (error instanceof InputError || typeof failed !== 'string') return undefined;
  if (!isInsideFolder(folder, failed) && !isInsideFolder(realpathOr(folder), failed)) return undefined;
  return new InputError('suites', `a folder whose files can all be read; ${(error as Error).message}`);
}

function realpathOr(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** True when the file's first four bytes are a zip signature. */
async function hasZipSignature(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return isZipSignature(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
