/**
 * The action's artifact download, alone, as a child process of
 * `npm run bench` (scripts/bench-transfer.ts).
 *
 * Why a separate process: the bench itself runs under tsx, whose loader
 * slows Node's streaming by ~40 % on this machine (measured: one bare
 * undici → file download took 0.41 s under plain node, 0.60–0.65 s under
 * tsx). The action never runs under tsx; it runs an ncc bundle on plain
 * node. So the bench bundles this file with ncc, the same way as dist/,
 * runs it with plain `node`, and it sets the V8 flags the action sets at run time.
 *
 * Protocol: argv = base URL, route, token, destination file. Once loaded it
 * prints `{"ready":true}`; then each stdin line asks for one download and
 * gets one JSON line on stdout,
 * `{"seconds":…,"bytes":…,"cpu":{"user":…,"system":…}}` (CPU seconds this
 * process spent during the download) or `{"error":"…"}`:
 * - `client`: the action's ApiClient.download (a fresh client and connection);
 * - `undici`: the reference, undici.request piped to a file and nothing else.
 * Ends when stdin ends.
 */
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { systemClock } from '../src/core/clock.js';
import { errorMessage } from '../src/core/errors.js';
import { createApiClient } from '../src/http/http-client.js';
import { useLeanV8Tiers } from '../src/runtime/v8-tiers.js';
import { useSmallYoungGeneration } from '../src/runtime/young-generation.js';

const TIMEOUT_MS = 120_000;

interface Target {
  baseUrl: string;
  route: string;
  token: string;
  destFile: string;
}

async function viaClient({ baseUrl, route, token, destFile }: Target): Promise<number> {
  const client = createApiClient({ baseUrl: new URL(baseUrl), token, userAgent: 'testing-studio-action-bench', clock: systemClock });
  try {
    const ctx = { signal: AbortSignal.timeout(TIMEOUT_MS), deadline: Date.now() + TIMEOUT_MS };
    return (await client.download(route, destFile, ctx)).bytes;
  } finally {
    await client.close();
  }
}

async function viaBareUndici({ baseUrl, route, token, destFile }: Target): Promise<number> {
  const res = await request(new URL(route, baseUrl), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`HTTP ${res.statusCode}`);
  }
  const out = createWriteStream(destFile);
  await pipeline(res.body, out);
  return out.bytesWritten;
}

async function answer(command: string, target: Target): Promise<string> {
  const download = command === 'client' ? viaClient : command === 'undici' ? viaBareUndici : undefined;
  if (!download) return JSON.stringify({ error: `unknown command ${JSON.stringify(command)} (client or undici)` });
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const bytes = await download(target);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return JSON.stringify({ seconds, bytes, cpu: { user: used.user / 1e6, system: used.system / 1e6 } });
  } catch (error) {
    return JSON.stringify({ error: errorMessage(error) });
  }
}

async function main(): Promise<void> {
  const [baseUrl, route, token, destFile] = process.argv.slice(2);
  if (!baseUrl || !route || token === undefined || !destFile) {
    process.stderr.write('usage: bench-download-client <base-url> <route> <token> <dest-file>\n');
    process.exitCode = 2;
    return;
  }
  useLeanV8Tiers();
  useSmallYoungGeneration();
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  // One download at a time: the bench waits for each answer before the next line.
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== '') process.stdout.write(`${await answer(line.trim(), { baseUrl, route, token, destFile })}\n`);
  }
}

await main();
