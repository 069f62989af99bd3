/**
 * Whether two paths name one file where the step runs: on macOS (APFS) and
 * Windows (NTFS), whose default file systems ignore letter case (and on
 * macOS the Unicode normalisation form, on Windows trailing dots and
 * spaces), `Results` and `results` are one folder. Used for an artifact's
 * entries (two that land on one file are duplicates) and for results-path
 * (two steps writing to one folder).
 */

/** Whether the file systems of `platform`'s runners fold names (see {@link pathKey}): macOS and Windows. */
export function foldsNames(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/**
 * The key under which a file system stores `rel` (`/`-separated). Folded,
 * it is what macOS (APFS, normalisation- and case-insensitive) and Windows
 * (NTFS, case-insensitive, trailing dots and spaces dropped) would make of
 * it, so two paths that would land on one file get one key there too.
 */
export function pathKey(rel: string, fold: boolean): string {
  if (!fold) return rel;
  // Upper-cased first, then lower-cased: letters with more than one lower-case form (µ and μ, ς and σ, ſ and s)
  // meet at their upper case, as case-insensitive file systems compare them. ß becomes ss: a pair that a file
  // system might keep apart is then refused as a duplicate, the safe way round.
  return rel
    .normalize('NFC')
    .toUpperCase()
    .toLowerCase()
    .split('/')
    .map((segment) => segment.replace(/[. ]+$/, ''))
    .join('/');
}
