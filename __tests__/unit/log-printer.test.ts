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
