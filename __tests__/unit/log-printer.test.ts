import { describe, expect, it } from '@jest/globals';
import type { Logger } from '../../src/core/ci-host.js';
import { LogPrinter } from '../../src/core/log-printer.js';
import type { LogSection } from '../../src/core/model.js';

function recordingLogger(): Logger & { sections: { title: string; lines: readonly string[] }[] } {
  const sections: { title: string; lines: readonly string[] }[] = [];
  return {
    sections,
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    group: (_title, fn) => fn(),
    untrustedSection: (title, lines) => sections.push({ title, lines }),
  };
}

const section = (id: string, lines: string[], completed: boolean): LogSection => ({ id, name: `S-${id}`, lines, completed });

describe('LogPrinter', () => {
  it('prints a section once, when it is completed', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1'], false)], false);
    expect(log.sections).toHaveLength(0);
    printer.print([section('a', ['1', '2'], true)], false);
    printer.print([section('a', ['1', '2'], true)], false);
    expect(log.sections).toEqual([{ title: 'S-a', lines: ['1', '2'] }]);
  });

  it('prints only lines not printed before when a section grows after being printed', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1', '2'], true)], false);
    expect(printer.print([section('a', ['1', '2', '3'], true)], false)).toBe(1);
    expect(log.sections[1]).toEqual({ title: 'S-a (continued)', lines: ['3'] });
  });

  it('flushes incomplete sections at the end of the run', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1'], true), section('b', ['x'], false)], false);
    printer.print([section('a', ['1'], true), section('b', ['x', 'y'], false)], true);
    expect(log.sections.map((s) => s.title)).toEqual(['S-a', 'S-b']);
    expect(log.sections[1]?.lines).toEqual(['x', 'y']);
  });
});

describe('LogPrinter, when the server rewrites what it sent', () => {
  it('prints the lines that follow the last one printed when a section lost its first lines, losing none', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1', '2', '3', '4', '5'], true)], false);
    // The server keeps only the latest lines of a section.
    printer.print([section('a', ['3', '4', '5', '6'], true)], false);
    printer.print([section('a', ['5', '6', '7', '8'], true)], false);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['1', '2', '3', '4', '5'] },
      { title: 'S-a (continued)', lines: ['6'] },
      { title: 'S-a (continued)', lines: ['7', '8'] },
    ]);
  });

  it('prints a section again in full when nothing printed of it is found in it any more, rather than dropping lines', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['one', 'two'], true)], false);
    printer.print([section('a', ['uno', 'dos', 'tres'], true)], false);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['one', 'two'] },
      { title: 'S-a (rewritten)', lines: ['uno', 'dos', 'tres'] },
    ]);
  });

  it('still prints a line that legitimately comes twice, and lines appended after repeated ones', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['x', 'x'], true)], false);
    printer.print([section('a', ['x', 'x', 'x', 'done'], true)], false);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['x', 'x'] },
      { title: 'S-a (continued)', lines: ['x', 'done'] },
    ]);
  });

  it('prints nothing from an older copy of a section whose last printed line also comes earlier in it (a repeated ok)', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['case 1', 'ok', 'case 2', 'ok'], true)], false);
    // A lagging replica's copy ends before the lines printed last; the 'ok' it holds is the earlier one.
    expect(printer.print([section('a', ['case 1', 'ok', 'case 2'], true)], false)).toBe(0);
    printer.print([section('a', ['case 1', 'ok', 'case 2', 'ok', 'case 3'], true)], false);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['case 1', 'ok', 'case 2', 'ok'] },
      { title: 'S-a (continued)', lines: ['case 3'] },
    ]);
  });

  it('prints nothing from an older, shorter copy of a section (a lagging replica) and only what is new after it', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1', '2', '3', '4', '5'], true)], false);
    expect(printer.print([section('a', ['1', '2', '3'], true)], false)).toBe(0);
    printer.print([section('a', ['1', '2', '3', '4', '5', '6'], true)], false);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['1', '2', '3', '4', '5'] },
      { title: 'S-a (continued)', lines: ['6'] },
    ]);
  });

  it('prints a section the server replaced with different, shorter content (a task re-run after RETRY)', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('run', ['---- Running ----', 'suite s1', 'scenario_1 : fail', 'worker lost', 'retrying'], false)], true);
    printer.print([section('run', ['---- Running ----', 'suite s1 (attempt 2)', 'scenario_1 : success'], true)], true);
    expect(log.sections).toEqual([
      { title: 'S-run', lines: ['---- Running ----', 'suite s1', 'scenario_1 : fail', 'worker lost', 'retrying'] },
      { title: 'S-run (rewritten)', lines: ['---- Running ----', 'suite s1 (attempt 2)', 'scenario_1 : success'] },
    ]);
  });

  it('prints each line once when the server falls back to an older copy of a section with a repeated block', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    const block = ['---- Billing sdk is not enabled ----', 'Task completed successfully', 'ok'];
    printer.print([section('a', [...block, ...block], true)], false);
    expect(printer.print([section('a', [...block, block[0] ?? ''], true)], false)).toBe(0);
    printer.print([section('a', [...block, ...block, 'done'], true)], false);
    expect(log.sections.flatMap((s) => s.lines)).toEqual([...block, ...block, 'done']);
  });

  it('prints only the grown line and what follows when the last printed line was written on', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    const body = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    printer.print([section('a', [...body, 'Progress: 10%'], true)], false);
    printer.print([section('a', [...body, 'Progress: 10%... 100%', 'done'], true)], false);
    expect(log.sections.slice(1)).toEqual([{ title: 'S-a (continued)', lines: ['Progress: 10%... 100%', 'done'] }]);
  });

  it('tells lines apart from the same text split otherwise, comparing by content', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['ab', 'c'], true)], false);
    printer.print([section('a', ['a', 'bc', 'd'], true)], false);
    expect(log.sections.map((s) => s.title)).toEqual(['S-a', 'S-a (rewritten)']);
  });

  it('prints what the last fetch held of a section still running when asked to (the final fetch failed)', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1'], true), section('b', ['x'], false)], false);
    printer.print([section('a', ['1'], true), section('b', ['x', 'y'], false)], false);
    expect(printer.printHeld()).toBe(2);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['1'] },
      { title: 'S-b', lines: ['x', 'y'] },
    ]);
    expect(printer.printHeld()).toBe(0);
  });

  it('prints a task re-run as (rewritten) though it ends with the same closing lines as the first attempt', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    const close = ['Task completed successfully', '---- Billing sdk is not enabled ----', 'Sending billing event', 'Saving test case results'];
    printer.print([section('r', ['---- Running test suites ----', 'scenario_1 : fail [ 889.000 ms ]', ...close], true)], false);
    printer.print([section('r', ['---- Running test suites ----', 'scenario_1 : success [ 901.000 ms ]', ...close], true)], false);
    expect(log.sections.map((s) => s.title)).toEqual(['S-r', 'S-r (rewritten)']);
    expect(log.sections[1]?.lines).toContain('scenario_1 : success [ 901.000 ms ]');
  });

  it('prints nothing from an older copy that stops inside one of the last lines printed, and keeps its place', () => {
    const log = recordingLogger();
    const printer = new LogPrinter(log);
    printer.print([section('a', ['1', 'progress 50%'], true)], false);
    printer.print([section('a', ['1', 'progress 5'], true)], false);
    printer.print([section('a', ['1', 'progress 50%', '2'], true)], false);
    printer.print([section('b', ['a', 'bcd', 'e'], true)], false);
    printer.print([section('b', ['a', 'bc'], true)], false);
    printer.print([section('b', ['a', 'bcd', 'e', 'f'], true)], false);
    expect(log.sections).toEqual([
      { title: 'S-a', lines: ['1', 'progress 50%'] },
      { title: 'S-a (continued)', lines: ['2'] },
      { title: 'S-b', lines: ['a', 'bcd', 'e'] },
      { title: 'S-b (continued)', lines: ['f'] },
    ]);
  });
});
