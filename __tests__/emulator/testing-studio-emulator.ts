/**
 * An emulator of the Testing Studio API: a real HTTP server on 127.0.0.1 used
 * by integration and end-to-end tests, `npm run demo` and `npm run bench`.
 * Tests script how runs behave (`script`), inject faults (`faults.inject`),
 * and inspect what the client did (`requests`, `runs`, `uploads`).
 *
 * Run directly it serves standalone for demos:
 *   tsx __tests__/emulator/testing-studio-emulator.ts --port 8080
 * (options in serve.ts).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { startEmulator, type Emulator } from './ts-emulator.js';
export * from './ts-fixtures.js';
export type * from './ts-types.js';
export { FaultInjector, type Fault, type FaultRule } from './ts-faults.js';
export type { EmulatedRun } from './ts-run.js';
export type { RequestRecord } from './ts-server.js';

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  // serve.ts does not import this file, so there is no import cycle to deadlock on
  const { serveFromArgs } = await import('./serve.js');
  await serveFromArgs(process.argv.slice(2));
}
