import { afterEach, describe, expect, it } from '@jest/globals';
import { CANCEL_SIGNALS, abortOnCancelSignals, type CancelSignalHandle } from '../../src/ci/github/cancel-signals.js';

let handle: CancelSignalHandle | undefined;
afterEach(() => {
  handle?.dispose();
  handle = undefined;
});

/** Listens as the action does, recording what it warns and how it would exit. */
function listen(): { warnings: string[]; exits: number[] } {
  const seen = { warnings: [] as string[], exits: [] as number[] };
  handle = abortOnCancelSignals({ warn: (message) => seen.warnings.push(message), exit: (code) => seen.exits.push(code) });
  return seen;
}

describe('abortOnCancelSignals', () => {
  // `process.emit` calls the listeners without raising a real signal, so the test process is not touched.
  it("treats Windows' Ctrl+Break (SIGBREAK, what the runner sends after Ctrl+C) as a cancel, like SIGINT and SIGTERM", () => {
    const seen = listen();
    process.emit('SIGBREAK', 'SIGBREAK');
    expect(handle?.signal.aborted).toBe(true);
    expect(String(handle?.signal.reason)).toContain('received SIGBREAK');
    expect(seen).toEqual({ warnings: ['Received SIGBREAK: stopping.'], exits: [] });
  });

  it('exits non-zero at once on a second signal, without a second warning', () => {
    const seen = listen();
    process.emit('SIGBREAK', 'SIGBREAK');
    process.emit('SIGBREAK', 'SIGBREAK');
    expect(seen).toEqual({ warnings: ['Received SIGBREAK: stopping.'], exits: [1] });
  });

  it('listens for SIGINT, SIGTERM and SIGBREAK, and stops listening when disposed', () => {
    const before = CANCEL_SIGNALS.map((name) => process.listenerCount(name));
    listen();
    expect(CANCEL_SIGNALS.map((name) => process.listenerCount(name))).toEqual(before.map((count) => count + 1));
    expect([...CANCEL_SIGNALS]).toEqual(['SIGINT', 'SIGTERM', 'SIGBREAK']);
    handle?.dispose();
    expect(CANCEL_SIGNALS.map((name) => process.listenerCount(name))).toEqual(before);
  });
});
