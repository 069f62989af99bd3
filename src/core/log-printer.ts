import type { Logger } from './ci-host.js';
import type { LogSection } from './model.js';

/** How many of a section's last printed lines are kept as text: for an older copy that stops inside one, or a last line that grew. */
const TAIL_LINES = 3;

/** What was printed of one section. */
interface Printed {
  /** The section's line count when it was last printed. */
  count: number;
  /** A hash of each of its lines then (see lineHashes): what its lines are compared by. */
  hashes: readonly number[];
  /** Its last lines then (at most TAIL_LINES), for the checks that need a line's text. */
  tail: string[];
}

/**
 * Prints a run's log sections into the job log, each once.
 *
 * The Testing Studio logs endpoint has no incremental query (API reference,
 * "Get Run Logs"), so every fetch returns the whole log. We remember what
 * each section held when it was printed and print only what follows. A
 * section is printed when the platform marks it completed (one collapsible
 * group per section); whatever is left is flushed when the run is over.
 * Lines that show up in an already-printed section go into a "(continued)"
 * group.
 *
 * Counting alone trusts the server to only ever append, so a section is
 * compared by content (a hash per line, not the lines themselves, so a long
 * log is not held twice):
 * - it starts with everything printed: what follows is new;
 * - it is a start of what was printed (a lagging replica, a server that
 *   restarted from an older copy), possibly stopping inside one of the
 *   last lines printed: nothing is new, and our place is kept;
 * - only its last printed line grew (an unterminated line written on):
 *   that line is printed again with what follows;
 * - it starts with the end of what was printed (a server keeping only the
 *   latest lines): what follows that is new, so nothing is lost;
 * - otherwise it was rewritten (a task re-run after RETRY): printed again
 *   in full as "(rewritten)", whatever its length.
 */
export class LogPrinter {
  private readonly printed = new Map<string, Printed>();
  /** The sections of the last fetch that were not printed for being incomplete (see printHeld). */
  private held: readonly LogSection[] = [];

  constructor(private readonly log: Logger) {}

  /** Print what is new. `final` flushes incomplete sections too. Returns the number of lines printed. */
  print(sections: readonly LogSection[], final: boolean): number {
    let count = 0;
    for (const section of sections) {
      if (!(section.completed || final)) continue;
      const hashes = lineHashes(section.lines);
      const seen = this.printed.get(section.id);
      const start = seen ? resumeAt(section.lines, hashes, seen) : 0;
      if (start === 'older') continue;
      const fresh = section.lines.slice(start === 'rewritten' ? 0 : start);
      if (fresh.length === 0) continue;
      const title = !seen ? section.name : `${section.name} (${start === 'rewritten' ? 'rewritten' : 'continued'})`;
      this.log.untrustedSection(title, fresh);
      this.printed.set(section.id, { count: section.lines.length, hashes, tail: section.lines.slice(-TAIL_LINES) });
      count += fresh.length;
    }
    this.held = final ? [] : sections.filter((section) => !section.completed);
    return count;
  }

  /**
   * Flush what the last fetch held of incomplete sections, when the final
   * fetch fails: the section still running when the run ended (the failing
   * case, the results) was downloaded, just not printed yet.
   */
  printHeld(): number {
    return this.print(this.held, true);
  }
}

/** Where the lines not printed yet begin, or what became of the section. `hashes` are the lines' lineHashes. */
function resumeAt(lines: readonly string[], hashes: readonly number[], seen: Printed): number | 'older' | 'rewritten' {
  const { count } = seen;
  if (count === 0) return 0;
  /** Whether the section's lines from..from+length are the printed lines at..at+length. */
  const same = (from: number, at: number, length: number): boolean => {
    for (let i = 0; i < length; i++) if (hashes[from + i] !== seen.hashes[at + i]) return false;
    return true;
  };
  /** The printed line at `index`, when it is one of the last ones (whose text is kept). */
  const printedLine = (index: number): string | undefined => seen.tail[index - (count - seen.tail.length)];
  const n = lines.length;
  // The usual case: the section only grew (or did not change).
  if (n >= count && same(0, 0, count)) return count;
  // An older copy: it holds nothing that was not printed, though it may stop inside one of the last lines.
  if (n < count && same(0, 0, n)) return 'older';
  if (n > 0 && n <= count && same(0, 0, n - 1) && printedLine(n - 1)?.startsWith(lines[n - 1] ?? '')) return 'older';
  // Only the last printed line grew: print it again, with what follows.
  const last = printedLine(count - 1);
  if (n >= count && last !== undefined && same(0, 0, count - 1) && lines[count - 1]?.startsWith(last)) return count - 1;
  // Lines were dropped from its start: it starts with the printed lines' end. The longest such overlap is taken,
  // so lines that come more than once are not printed twice. Only where its first line matches is the rest compared.
  for (let overlap = Math.min(n, count - 1); overlap > 0; overlap--) {
    if (hashes[0] === seen.hashes[count - overlap] && same(0, count - overlap, overlap)) return overlap;
  }
  return 'rewritten';
}

/**
 * A hash of each line: two 32-bit FNV-1a hashes with different primes, 53
 * bits kept, so a chance collision needs ~2^26 lines compared. Not a guard
 * against a server crafting collisions, which could only hide its own log
 * lines.
 */
function lineHashes(lines: readonly string[]): number[] {
  const out = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let a = 0x811c9dc5;
    let b = 0x01234567;
    for (let j = 0; j < line.length; j++) {
      const c = line.charCodeAt(j);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    out[i] = (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
  }
  return out;
}
