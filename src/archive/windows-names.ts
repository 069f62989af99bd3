/**
 * How an archive entry's name is spelled on a Windows runner. The run's
 * artifact comes from a Linux server and may name a file as Windows cannot
 * (a timestamped log, `run-10:00:00.log`): written as is, the open fails
 * (ENOENT) and the whole extraction with it, or a colon names an NTFS
 * alternate data stream and the file is hidden inside another. Such names
 * are written with `_` instead, as common unzip tools on Windows do.
 */

/** Characters NTFS refuses in a name (NUL is refused earlier, for every platform). */
// eslint-disable-next-line no-control-regex -- NTFS refuses control characters in names too
const REFUSED_CHARACTERS = /[<>:"|?*\x01-\x1f]/g;

/**
 * Trailing dots and spaces: Windows drops them (so `notes.` would be written
 * as `notes`), or, where a path bypasses that, makes a file most Windows
 * tools cannot open or delete.
 */
const TRAILING_DOTS_AND_SPACES = /[. ]+$/;

/**
 * Device names Windows opens as devices in any folder, with any extension
 * (`aux.txt` is the AUX device): NUL would swallow the file, COM1 fail to
 * open; written as a file all the same, most Windows tools cannot delete it.
 */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\.|$)/i;

/**
 * One path segment as Windows can hold it: refused characters and trailing
 * dots and spaces become `_`, and a device name gets `_` in front. A name
 * Windows can hold comes back unchanged.
 */
export function windowsSegment(segment: string): string {
  const replaced = segment.replace(REFUSED_CHARACTERS, '_').replace(TRAILING_DOTS_AND_SPACES, (tail) => '_'.repeat(tail.length));
  return DEVICE_NAME.test(replaced) ? `_${replaced}` : replaced;
}
