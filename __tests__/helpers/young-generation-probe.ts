/**
 * Child process for __tests__/integration/action-young-generation.int.test.ts: sets
 * the action's young-generation flag (when argv[2] is `small`), then
 * allocates many small objects, a share of which live a while (as the stream
 * objects of a zip of many small files do), and prints the largest size V8's
 * new space reached, as JSON.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { useSmallYoungGeneration } from '../../src/runtime/young-generation.js';

if (process.argv[2] === 'small') useSmallYoungGeneration();

const newSpaceBytes = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

let largest = newSpaceBytes();
const living: object[] = [];
// Bounded: 3,000 rounds of 1,000 objects.
for (let round = 0; round < 3_000; round++) {
  for (let i = 0; i < 1_000; i++) {
    const entry = { round, i, name: `entry ${round}.${i}`, parts: [round, i] };
    if (i % 4 === 0) living.push(entry);
  }
  // Those kept live for a few rounds, then die: a high survival rate, which is what makes V8 grow the new space.
  if (living.length > 5_000) living.splice(0, 2_500);
  largest = Math.max(largest, newSpaceBytes());
}
process.stdout.write(`${JSON.stringify({ largestNewSpaceBytes: largest, kept: living.length })}\n`);
