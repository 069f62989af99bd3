// timeoutSignal: a budget combined with AbortSignal.any still runs out when the garbage collector runs meanwhile.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { timeoutSignal } from '../../src/core/timeout-signal.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('timeoutSignal', () => {
  it('aborts with a TimeoutError after its time, as AbortSignal.timeout does', async () => {
    const signal = timeoutSignal(20);
    expect(signal.aborted).toBe(false);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('fires when only an AbortSignal.any refers to it and the garbage collector runs meanwhile', () => {
    // In a process of its own, with the collector exposed: on Node 20, AbortSignal.timeout's signal is collected and
    // never fires there; this one must.
    const script = `
      import { timeoutSignal } from ${JSON.stringify(path.join(ROOT, 'src/core/timeout-signal.ts'))};
      const held = AbortSignal.any([new AbortController().signal, timeoutSignal(300)]);
      let fired = false;
      held.addEventListener('abort', () => { fired = true; });
      const collecting = setInterval(() => globalThis.gc(), 20);
      setTimeout(() => { clearInterval(collecting); console.log(JSON.stringify({ fired, aborted: held.aborted })); }, 1500);
    `;
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({ fired: true, aborted: true });
  });
});
