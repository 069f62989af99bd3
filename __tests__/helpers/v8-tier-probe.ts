/**
 * Child process for __tests__/integration/action-v8-tiers.int.test.ts: sets
 * the action's V8 flags (when argv[2] is `lean`), then runs one hot
 * JavaScript loop and one hot WebAssembly function, each long enough for V8
 * to optimise it to its top tier. The test reads which tiers compiled them
 * from `--trace-opt` and `--trace-wasm-compilation-times` on stdout.
 */
import { hasMaglev, useLeanV8Tiers } from '../../src/runtime/v8-tiers.js';

if (process.argv[2] === 'lean') useLeanV8Tiers();

/** A CRC-like loop: the same shape as yazl's CRC-32, the step's only hot JavaScript. */
function hotProbeLoop(bytes: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ Math.imul((c ^ (bytes[i] ?? 0)) & 0xff, 0x9e3779b1);
  return c >>> 0;
}

/** The two WebAssembly constructors used here (the project's `lib` setting carries no WebAssembly types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A wasm section: id, size (under 128 bytes, so one LEB128 byte), body. */
const section = (id: number, body: number[]): number[] => [id, body.length, ...body];

/**
 * The smallest module with a hot function, `sum(n)`: adds n, n-1, … 1 in a
 * loop. Undici's llhttp parser is the WebAssembly the action really runs;
 * this stands in for it without a server.
 */
function wasmSum(): (n: number) => number {
  // (local i32) loop { acc += n; n -= 1; br_if n } acc
  const code = [1, 1, 0x7f, 0x03, 0x40, 0x20, 1, 0x20, 0, 0x6a, 0x21, 1, 0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b, 0x20, 1, 0x0b];
  const bytes = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]), // type: (i32) -> i32
    ...section(3, [1, 0]), // one function of that type
    ...section(7, [1, 3, 0x73, 0x75, 0x6d, 0, 0]), // export it as "sum"
    ...section(10, [1, code.length, ...code]),
  ]);
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes));
  return instance.exports['sum'] as (n: number) => number;
}

const bytes = new Uint8Array(1 << 20).fill(7);
let js = 0;
for (let round = 0; round < 150; round++) js ^= hotProbeLoop(bytes);
const sum = wasmSum();
let wasm = 0;
for (let round = 0; round < 3000; round++) wasm = (wasm + sum(10_000)) >>> 0;
console.log(JSON.stringify({ v8: process.versions.v8, maglev: hasMaglev(), js, wasm }));
