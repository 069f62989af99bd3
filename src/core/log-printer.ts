import type { Logger } from './ci-host.js';
import type { LogSection } from './model.js';

/**
 * Prints a run's log sections into the job log, each once.
 *
 * The Testing Studio logs endpoint has no incremental query (API reference,
 * "Get Run Logs"), so every fetch returns the whole log. We remember how many
 * lines of each section were printed and print only the rest. A section is
 * printed when the platform marks it completed (one collapsible group per
 * section); whatever is left is flushed when the run is over. Lines that show
 * up in an already-printed section go into a "(continued)" group.
 */
export class LogPrinter {
  private readonly printed = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  /** Print what is new. `final` flushes incomplete sections too. Returns the number of lines printed. */
  print(sections: readonly LogSection[], final: boolean): number {
    let count = 0;
    for (const section of sections) {
      const done = this.printed.get(section.id) ?? 0;
      if (section.lines.length <= done || !(section.completed || final)) continue;
      const title = done === 0 ? section.name : `${section.name} (continued)`;
      this.log.untrustedSection(title, section.lines.slice(done));
      this.printed.set(section.id, section.lines.length);
      count += section.lines.length - done;
    }
    return count;
  }
}
