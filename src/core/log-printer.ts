import type { Logger } from './ci-host.js';
import type { LogSection } from './model.js';

/** How many of a section's last printed lines are kept to find our place when the server drops a section's first lines. */
const TAIL_LINES = 3;

/** What was printed of one section. */
interface Printed {
  /** The section's line count when it was last printed. */
  count: number;
  /** `hashes[i]` stands for the section's lines 0..i then (see chainHashes): what "the same start" is compared by. */
  hashes: readonly number[];
  /** Its last lines then (at most TAIL_LINES). */
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
 * compared by content (a running hash per line, not the lines themselves,
 * so a long log is not held twice):
 * - it starts with everything printed: what follows is new;
 * - it is a start of what was printed (a lagging replica, a server that
 *   restarted from an older copy): nothing is new, and our place is kept;
 * - only its last printed line grew (an unterminated line written on):
 *   that line is printed again with what follows;
 * - it lost its first lines (a server keeping only the latest): we print
 *   what follows the last place the last printed lines are found (or the
 *   last few of them, at its start), so nothing is lost;
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
      const hashes = chainHashes(section.lines);
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

/** Where the lines not printed yet begin, or what became of the section. `hashes` are the lines' chainHashes. */
function resumeAt(lines: readonly string[], hashes: readonly number[], seen: Printed): number | 'older' | 'rewritten' {
  const { count } = seen;
  if (count === 0) return 0;
  const sameStart = (length: number): boolean => length === 0 || hashes[length - 1] === seen.hashes[length - 1];
  // The usual case: the section only grew (or did not change).
  if (lines.length >= count && sameStart(count)) return count;
  // An older copy: it holds nothing that was not printed.
  if (lines.length < count && sameStart(lines.length)) return 'older';
  // Only the last printed line grew: print it again, with what follows.
  const last = seen.tail.at(-1);
  if (lines.length >= count && last !== undefined && sameStart(count - 1) && lines[count - 1]?.startsWith(last)) return count - 1;
  // Lines were dropped from its start: resume after the latest place where all the last printed lines are found.
  for (let end = lines.length; end >= seen.tail.length; end--) if (endsAt(lines, end, seen.tail)) return end;
  // The section dropped some of them too: resume after those it now starts with. Only at its start: one line
  // found elsewhere is too often a line that comes more than once (a blank line, an 'ok'), and resuming after
  // it would print again what was printed.
  for (let size = seen.tail.length - 1; size > 0; size--) if (endsAt(lines, size, seen.tail.slice(-size))) return size;
  return 'rewritten';
}

/** Whether `lines` holds `tail` just before index `end`. */
function endsAt(lines: readonly string[], end: number, tail: readonly string[]): boolean {
  if (end < tail.length || end > lines.length) return false;
  return tail.every((line, i) => lines[end - tail.length + i] === line);
}

/**
 * A running hash of `lines`: entry i stands for lines 0..i, so two sections
 * start alike for `n` lines when their entries n-1 are equal. Two 32-bit
 * FNV-1a hashes with different primes, 53 bits kept: a chance collision
 * would need ~2^26 lines compared. Not a guard against a server crafting
 * collisions, which could only hide its own log lines.
 */
function chainHashes(lines: readonly string[]): number[] {
  const out = new Array<number>(lines.length);
  let a = 0x811c9dc5;
  let b = 0x01234567;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    for (let j = 0; j < line.length; j++) {
      const c = line.charCodeAt(j);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    // A separator after each line, so ['ab'] and ['a', 'b'] differ.
    a = Math.imul(a ^ 0x0a, 0x01000193);
    b = Math.imul(b ^ 0x0a, 0x5bd1e995);
    out[i] = (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
  }
  return out;
}
