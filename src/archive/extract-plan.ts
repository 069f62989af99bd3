/**
 * The scan pass of safeExtract (./safe-extract.ts): what an untrusted zip's
 * entries may be called, where each would be written, and the byte limits
 * its data must keep to while written.
 */
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { UnsafeArchiveError } from '../core/errors.js';
import { pathKey } from '../core/path-key.js';
import { windowsSegment } from './windows-names.js';

/**
 * Longest entry name accepted, in characters. Names are checked and split
 * per entry and each of their folders is recorded, so cost grows with length
 * times depth: without a bound, one 64 KB name (`a/` × 32,000) took ~1 GB of
 * heap and 10 s, and four of them in a 256 KB zip ran the process out of
 * memory. Paths of real results are far shorter, and Windows runners cannot
 * write most names past 260 characters anyway.
 */
export const MAX_ENTRY_NAME_CHARS = 1024;
/** Deepest folder nesting accepted in an entry name (see MAX_ENTRY_NAME_CHARS). */
export const MAX_ENTRY_DEPTH = 64;
/** Longest path segment accepted, in UTF-8 bytes: what Linux, macOS and Windows file systems hold at most. */
export const MAX_SEGMENT_BYTES = 255;
/** How many folders the entries may imply, per entry allowed (see scan): bounds the scan's memory. */
const FOLDERS_PER_ENTRY = 4;

/** Caps for safeExtract (./safe-extract.ts). */
export interface ExtractLimits {
  /** Most bytes all files together may expand to. Default 1 GiB. */
  maxTotalBytes?: number;
  /** Most entries (files and directories) the archive may have. Default 20 000. */
  maxEntries?: number;
  /** Most bytes one file may expand to. Default: `maxTotalBytes`. */
  maxEntryBytes?: number;
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

/** An entry the scan accepted, and where it goes. */
export type Planned = EntryTarget & { entry: Entry };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Validate an entry name and say where it would be written, relative to
 * `destDir`. Backslashes count as separators. Throws UnsafeArchiveError for
 * NUL, absolute or drive paths, any `..` segment, or a resolved path outside
 * `destDir`. With `windowsNames`, each segment is spelled as Windows can
 * hold it (see windowsSegment).
 */
export function resolveEntryTarget(destDir: string, name: string, windowsNames = false): EntryTarget {
  if (name === '') throw unsafe(name, 'empty name');
  if (name.length > MAX_ENTRY_NAME_CHARS) throw unsafe(name, `name is longer than ${MAX_ENTRY_NAME_CHARS} characters`);
  if (name.includes('\0')) throw unsafe(name, 'name contains a NUL character');
  const normalised = name.replace(/\\/g, '/');
  if (normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised)) throw unsafe(name, 'absolute path');
  const given = normalised.split('/').filter((s) => s !== '' && s !== '.');
  if (given.includes('..')) throw unsafe(name, "path contains a '..' segment");
  if (given.length > MAX_ENTRY_DEPTH) throw unsafe(name, `nested deeper than ${MAX_ENTRY_DEPTH} levels`);
  if (given.some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
    throw unsafe(name, `a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
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
 * The chunk that crosses a limit is not passed on. With `expectedCrc32`, the
 * entry's data must also match the CRC-32 its archive records, checked once
 * all of it has passed (yauzl does not check it): a file damaged in storage
 * or on the way fails the extraction, whose files are then removed, rather
 * than being kept as if whole. Folded into this stage, as each stage of a
 * large transfer costs time (see gcNudge); zlib's crc32 takes ~0.09 s per 400 MB.
 */
export function createByteLimiter(entryName: string, maxEntryBytes: number, total: ByteBudget, expectedCrc32?: number): Transform {
  let entryBytes = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      entryBytes += chunk.length;
      total.used += chunk.length;
      if (entryBytes > maxEntryBytes) {
        callback(unsafe(entryName, `expands to more than the per-file limit of ${maxEntryBytes} bytes`));
      } else if (total.used > total.max) {
        callback(unsafe(entryName, `archive expands to more than the limit of ${total.max} bytes in total`));
      } else {
        if (expectedCrc32 !== undefined) crc = crc32(chunk, crc);
        callback(null, chunk);
      }
    },
    flush(callback: TransformCallback) {
      if (expectedCrc32 !== undefined && crc >>> 0 !== expectedCrc32 >>> 0) {
        callback(unsafe(entryName, 'data is corrupt (its CRC-32 does not match the one the archive records)'));
      } else {
        callback();
      }
    },
  });
}

/**
 * Pass 1 of safeExtract: validate every entry (name, type, declared
 * size, duplicates, a file where a folder must be, entry count) and say where
 * each goes; nothing is written, so a hostile name writes nothing.
 */
export async function scan(
  zip: ZipFile,
  root: string,
  caps: Required<ExtractLimits>,
  names: { fold: boolean; windowsNames: boolean },
  signal?: AbortSignal,
): Promise<Planned[]> {
  const { fold } = names;
  if (zip.entryCount > caps.maxEntries) {
    throw new UnsafeArchiveError(`Archive has ${zip.entryCount} entries; the limit is ${caps.maxEntries}.`);
  }
  const plan: Planned[] = [];
  const seen = new Set<string>();
  // Every folder the archive implies: a file at one of these paths (or a folder at a file's) could not be written.
  const folders = new Set<string>();
  const maxFolders = caps.maxEntries * FOLDERS_PER_ENTRY;
  let declaredTotal = 0;
  for await (const entry of zip.eachEntry()) {
    signal?.throwIfAborted();
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
      addFolders(pathKey(target.rel, fold), target.isDirectory, { seen, folders, maxFolders, name });
      plan.push({ ...target, entry });
    }
  }
  return plan;
}

/**
 * Record the folders `key` implies (itself too, for a folder entry), deepest
 * first, stopping at the first one already recorded: its own parents were
 * recorded with it, and checked against the files seen then (a file seen
 * later at one of them is caught by the scan's `folders` check). So each
 * folder is hashed once, not once per entry below it.
 */
function addFolders(key: string, isDirectory: boolean, state: { seen: Set<string>; folders: Set<string>; maxFolders: number; name: string }): void {
  const { seen, folders, maxFolders, name } = state;
  // A folder's key can be empty: folding makes a segment of dots or spaces ('...') nothing.
  let end = isDirectory ? key.length : key.lastIndexOf('/');
  while (end >= 0) {
    const folder = key.slice(0, end);
    if (folders.has(folder)) return;
    if (seen.has(folder)) throw unsafe(name, 'a file and a folder share this path');
    folders.add(folder);
    if (folders.size > maxFolders) throw new UnsafeArchiveError(`Archive implies more than ${maxFolders} folders.`);
    if (end === 0) return;
    end = key.lastIndexOf('/', end - 1);
  }
}

/** True for a `path.relative` result that stays inside its base ('..foo' is a fine name). */
function isInside(relative: string): boolean {
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The name is JSON-quoted so control characters in it cannot reshape the log. */
export function unsafe(name: string, reason: string): UnsafeArchiveError {
  const shown = JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
  return new UnsafeArchiveError(`Archive entry ${shown} is unsafe: ${reason}.`);
}
