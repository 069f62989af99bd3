import type { Logger } from './ci-host.js';
import type { LogSection } from './model.js';

/** How many of a section's last printed lines are kept to find our place when the server rewrites the section. */
const TAIL_LINES = 3;

/** What was printed of one section. */
interface Printed {
  /** The section's line count when it was last printed. */
  count: number;
  /** Its last lines then (at most TAIL_LINES). */
  tail: string[];
}

/**
 * Prints a run's log sections into the job log, each once.
 *
 * The Testing Studio logs endpoint has no incremental query (API reference,
 * "Get Run Logs"), so every fetch returns the whole log. We remember how many
 * lines of each section were printed and print only the rest. A section is
 * printed when the platform marks it completed (one collapsible group per
 * section); whatever is left is flushed when the run is over. Lines that show
 * up in an already-printed section go into a "(continued)" group.
 *
 * Counting alone trusts the server to only ever append. When a section no
 * longer ends its printed part with the lines printed last (it dropped its
 * first lines, or was rewritten), we print what follows the last place those
 * lines are found (or the last few of them, at its start), so nothing is
 * lost; a section shorter than before where they are not found is taken for
 * an older copy (a lagging replica) and left alone; a longer one is printed
 * again in full as "(rewritten)".
 */
export class LogPrinter {
  private readonly printed = new Map<string, Printed>();

  constructor(private readonly log: Logger) {}

  /** Print what is new. `final` flushes incomplete sections too. Returns the number of lines printed. */
  print(sections: readonly LogSection[], final: boolean): number {
    let count = 0;
    for (const section of sections) {
      if (!(section.completed || final)) continue;
      const seen = this.printed.get(section.id);
      const start = seen ? resumeAt(section.lines, seen) : 0;
      if (start === 'older') continue;
      const fresh = section.lines.slice(start === 'rewritten' ? 0 : start);
      if (fresh.length === 0) continue;
      const title = !seen ? section.name : `${section.name} (${start === 'rewritten' ? 'rewritten' : 'continued'})`;
      this.log.untrustedSection(title, fresh);
      this.printed.set(section.id, { count: section.lines.length, tail: section.lines.slice(-TAIL_LINES) });
      count += fresh.length;
    }
    return count;
  }
}

/** Where the lines not printed yet begin, or what became of the section. */
function resumeAt(lines: readonly string[], seen: Printed): number | 'older' | 'rewritten' {
  // The usual case: the section only grew (or did not change).
  if (lines.length >= seen.count && endsAt(lines, seen.count, seen.tail)) return seen.count;
  // Lines were dropped or rewritten: resume after the latest place where all the last printed lines are found.
  for (let end = lines.length; end >= seen.tail.length; end--) if (endsAt(lines, end, seen.tail)) return end;
  // The section dropped some of them too: resume after those it now starts with. Only at its start: one line
  // found elsewhere is too often a line that comes more than once (a blank line, an 'ok'), and resuming after
  // it in an older copy would print again what was printed.
  for (let size = seen.tail.length - 1; size > 0; size--) if (endsAt(lines, size, seen.tail.slice(-size))) return size;
  return lines.length < seen.count ? 'older' : 'rewritten';
}

/** Whether `lines` holds `tail` just before index `end`. */
function endsAt(lines: readonly string[], end: number, tail: readonly string[]): boolean {
  if (end < tail.length || end > lines.length) return false;
  return tail.every((line, i) => lines[end - tail.length + i] === line);
}
