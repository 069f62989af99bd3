import { closeSync, openSync, readSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';
import { Inputs } from './inputs.js';

/**
 * The checks on disk behind the path inputs (`suites`, `results-path`), made
 * while inputs are validated so a typo or a planted symlink fails before any
 * request. Synchronous: they run once, before anything else happens.
 */

/** What the `suites` input must name. */
const SUITES_EXPECTED = 'a folder or a .zip file';
/** What the `results-path` input must name. */
const RESULTS_EXPECTED = 'a folder inside the workspace';

/**
 * True when `target` is strictly below `folder`. Compares the relative path
 * by segments: a folder named `..results` is inside, and on Windows a target
 * on another drive (where the relative path is absolute) is not. `paths` is
 * injectable so the Windows rules can be tested anywhere.
 */
export function isInsideFolder(folder: string, target: string, paths: path.PlatformPath = path): boolean {
  const rel = paths.relative(paths.resolve(folder), paths.resolve(target));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${paths.sep}`) && !paths.isAbsolute(rel);
}

/**
 * The `suites` input must name an existing folder with something in it, or
 * a .zip file, checked here so a typo fails before any request (the upload
 * itself comes after Get Project). Mirrors resolveSuites, which checks again
 * when it zips.
 */
export function checkSuites(suites: string, workspace: string): void {
  checkSuitesStayInWorkspace(suites, workspace);
  let info;
  try {
    info = statSync(suites);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${codeOf(error)})`;
    throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' ${problem}`);
  }
  if (info.isDirectory()) {
    let found: boolean;
    try {
      found = hasEntryToUpload(suites);
    } catch (error) {
      throw new InputError(Inputs.Suites, `a readable folder; '${suites}' cannot be read (${codeOf(error)})`);
    }
    if (!found) throw new InputError(Inputs.Suites, `a folder with at least one file to upload; '${suites}' has none`);
    return;
  }
  if (!info.isFile()) throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is neither`);
  if (!suites.toLowerCase().endsWith('.zip')) {
    throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is a file whose name does not end in .zip`);
  }
  if (!startsWithZipSignature(suites)) throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${suites}' is not a zip archive`);
}

/**
 * A `suites` path inside the workspace must still be inside it once
 * symlinks on the way are resolved: a checked-out `suites -> /home/runner/.ssh`
 * (or a symlinked folder above it) would otherwise have files from outside
 * the repository zipped and sent to the server, past the rule that leaves
 * out symlinks inside the folder that lead out of it. A path given outside
 * the workspace is taken as given. A path that does not exist is left to the
 * existence check.
 */
export function checkSuitesStayInWorkspace(suites: string, workspace: string): void {
  const root = path.resolve(workspace);
  const given = path.resolve(root, suites);
  if (given !== root && !isInsideFolder(root, given)) return;
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(given);
    realRoot = realpathSync(root);
  } catch {
    return;
  }
  if (real !== realRoot && !isInsideFolder(realRoot, real)) {
    throw new InputError(
      Inputs.Suites,
      `${SUITES_EXPECTED} inside the workspace (${suites} leads to ${real} through a symlink; to upload from there, give that path itself)`,
    );
  }
}

/**
 * Left out of the suites zip wherever it appears: git's metadata is no suite,
 * and actions/checkout (before v6) keeps the token it fetched with in
 * `.git/config`, so a `suites` folder that is a checked-out repository would
 * send it to the server. A `.git` file (a submodule's) holds only a path.
 */
export const NEVER_UPLOADED = '.git';

/**
 * True when the folder (or a folder below it) holds something zipFolder
 * would upload: a file, or a symlink {@link symlinkedFile} accepts, outside
 * `.git`. Stops at the first one. Symlinked folders are not followed, as
 * zipFolder does not follow them.
 */
function hasEntryToUpload(folder: string): boolean {
  const root = realpathSync(folder);
  const pending = [folder];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === NEVER_UPLOADED) continue;
      const full = path.join(dir, entry.name);
      if (entry.isFile() || (entry.isSymbolicLink() && typeof symlinkedFile(root, full) === 'string')) return true;
      if (entry.isDirectory()) pending.push(full);
    }
  }
  return false;
}

/**
 * Which symlinks in the suites folder are uploaded (zipFolder's rule, and
 * the input check's): one that leads to a regular file inside `root` (the
 * folder's real path) gives that file's real path; any other gives why it is
 * left out. Reading from the resolved path (not the link) means a link
 * retargeted after this check cannot smuggle an outside file into the zip.
 */
export function symlinkedFile(root: string, link: string): string | { reason: string } {
  let target: string;
  try {
    target = realpathSync(link);
  } catch {
    return { reason: 'broken symlink' };
  }
  if (!isInsideFolder(root, target)) return { reason: 'symlink to a location outside the folder' };
  const info = statSync(target);
  if (info.isDirectory()) return { reason: 'symlinked directory (not followed)' };
  if (!info.isFile()) return { reason: 'symlink to something that is not a regular file' };
  return target;
}

/** The signatures a .zip may start with: a local file header or an empty archive's end record. */
const ZIP_SIGNATURES = ['PK\x03\x04', 'PK\x05\x06'];

/** Whether `head`, a file's first bytes as read, is a zip signature. The one rule for the input check and resolveSuites. */
export function isZipSignature(head: Buffer): boolean {
  return head.length === 4 && ZIP_SIGNATURES.includes(head.toString('latin1'));
}

function startsWithZipSignature(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new InputError(Inputs.Suites, `${SUITES_EXPECTED}; '${file}' cannot be read (${codeOf(error)})`);
  }
  try {
    const head = Buffer.alloc(4);
    const read = readSync(fd, head, 0, 4, 0);
    return isZipSignature(head.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}

/**
 * `results-path` must lead to a folder inside the workspace once symlinks on
 * the way are resolved (a checked-out `testing-studio-results -> /elsewhere`
 * would otherwise lead out of it), and must not be an existing file. It need
 * not exist yet. publishReports checks again when it creates the folder, as
 * the disk may change during the run; this check makes a bad path fail
 * before a run is started rather than after it, as a warning.
 */
export function checkResultsPath(resultsPath: string, workspace: string): void {
  const real = realResultsPath(resultsPath, workspace);
  let info;
  try {
    info = statSync(real);
  } catch {
    return; // not there yet: created when the reports are written
  }
  if (!info.isDirectory()) throw new InputError(Inputs.ResultsPath, `${RESULTS_EXPECTED}; '${resultsPath}' is a file`);
}

/**
 * The real path `resultsPath` leads to, checked to be inside the workspace's
 * real path; throws the InputError that names `results-path` otherwise,
 * including when the path cannot be resolved (a part of it is a file, a
 * symlink loop).
 */
export function realResultsPath(resultsPath: string, workspace: string): string {
  let root: string;
  let real: string;
  try {
    root = realpathOfNearest(workspace);
    real = realpathOfNearest(resultsPath);
  } catch (error) {
    throw new InputError(Inputs.ResultsPath, `${RESULTS_EXPECTED}; '${resultsPath}' cannot be used (${unresolvable(error)})`);
  }
  if (!isInsideFolder(root, real)) {
    throw new InputError(Inputs.ResultsPath, `${RESULTS_EXPECTED} (${resultsPath} leads to ${real} through a symlink)`);
  }
  return real;
}

/** Symlinks followed while resolving a path before giving up, as the kernel does (ELOOP). */
const MAX_SYMLINKS = 40;

/**
 * The real path `target` would have: its nearest existing ancestor resolved,
 * the rest appended. A dangling symlink on the way is followed to where it
 * points (a link to a missing folder outside the workspace would otherwise
 * pass for the link's own path, inside it).
 */
function realpathOfNearest(target: string): string {
  const missing: string[] = [];
  let current = path.resolve(target);
  let links = 0;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const link = linkTarget(current);
      if (link !== undefined) {
        if (++links > MAX_SYMLINKS) throw Object.assign(new Error(`too many symlinks resolving ${target}`), { code: 'ELOOP' });
        current = path.resolve(path.dirname(current), link);
        continue;
      }
      const parent = path.dirname(current);
      if (parent === current) throw error;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/** Where a symlink points, or undefined when `file` is not a symlink (or does not exist). */
function linkTarget(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}

/** Why a path cannot be resolved, in words. */
function unresolvable(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENOTDIR') return 'a part of it is a file';
  if (code === 'ELOOP') return 'a symlink loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code;
}
