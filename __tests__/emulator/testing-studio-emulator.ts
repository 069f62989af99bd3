/**
 * An emulator of the Testing Studio API: a real HTTP server on 127.0.0.1 used
 * by integration and end-to-end tests, `npm run demo` and `npm run bench`.
 * Tests script how runs behave (`script`), inject faults (`faults.inject`),
 * and inspect what the client did (`requests`, `runs`, `uploads`).
 *
 * To serve it standalone: `npx tsx __tests__/emulator/serve.ts --port 8080`
 * (options in serve.ts).
 */

export { startEmulator, type Emulator } from './ts-emulator.js';
export * from './ts-fixtures.js';
export type * from './ts-types.js';
export { FaultInjector, type Fault, type FaultRule } from './ts-faults.js';
export type { EmulatedRun } from './ts-run.js';
export type { RequestRecord } from './ts-server.js';
