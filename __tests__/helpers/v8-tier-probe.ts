/**
 * Child process for __tests__/integration/action-v8-tiers.int.test.ts: sets
 * the action's V8 flags (when argv[2] is `lean`), then runs one hot byte
 * loop long enough for V8 to optimise it to its top tier. The test reads
 * which tiers compiled it from `--trace-opt` on stdout.
 */
import { useLeanV8Tiers } from '../../src/runtime/v8-tiers.js';

if (process.argv[2] === 'lean') useLeanV8Tiers();

/** A CRC-like loop: the same shape as yazl's CRC-32, the step's only hot JavaScript. */
function hotProbeLoop(bytes: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ Math.imul((c ^ (bytes[i] ?? 0)) & 0xff, 0x9e3779b1);
  return c >>> 0;
}

const bytes = new Uint8Array(1 << 20).fill(7);
let sum = 0;
for (let round = 0; round < 150; round++) sum ^= hotProbeLoop(bytes);
console.log(JSON.stringify({ v8: process.versions.v8, sum }));
