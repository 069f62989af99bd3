/**
 * Artifact download speed: the action's HTTP client against curl, on the
 * same server. The emulator generates a large artifact on the fly (random
 * bytes + CRC), which caps its speed, so the artifact is fetched from it once
 * and then served from a file by a tiny static server in its own process.
 * Both clients then hit that server alternately, with a fresh connection each.
 * A bare undici request piped to a file runs alongside as a reference: it
 * tells whether a gap to curl comes from the action's client or from Node.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { systemClock } from '../src/core/clock.js';
import { createApiClient } from '../src/http/http-client.js';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../__tests__/emulator/testing-studio-emulator.js';
import { bounded, findExecutable, info, MB, median, MeasurementError, round, skipped, withTimeout, type Bench, type Resources, type Section } from './bench-util.js';

const ARTIFACT_BYTES = 400 * MB;
const REPEATS = 3;
const RATIO_TARGET = 1.1;

/** Serves one file at one path to one bearer token, on 127.0.0.1; prints its port. */
const STATIC_SERVER = `
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
const { ART_FILE: file, ART_TOKEN: token, ART_PATH: route } = process.env;
const size = statSync(file).size;
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0].replace(/\\/$/, '');
  if (req.headers.authorization !== 'Bearer ' + token) return void res.writeHead(401).end();
  if (req.method !== 'GET' || path !== route) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(size) });
  pipeline(createReadStream(file), res, () => undefined);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

interface Timing {
  /** Transfer time: curl's own time_total, or the client's call. */
  seconds: number;
  bytes: number;
}

function curlOnce(curl: string, url: string, token: string, file: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const args = ['-s', '-o', file, '-w', '%{http_code} %{size_download} %{time_total}', '-H', `Authorization: Bearer ${token}`, url];
    execFile(curl, args, { timeout: 120_000 }, (error, stdout) => {
      if (error) return reject(new MeasurementError(`curl failed: ${error.message}`));
      const [code, size, total] = stdout.trim().split(' ');
      if (code !== '200') return reject(new MeasurementError(`curl got HTTP ${code}`));
      resolve({ seconds: Number(total), bytes: Number(size) });
    });
  });
}

async function clientOnce(baseUrl: string, token: string, route: string, file: string): Promise<Timing> {
  // A new client (and connection) per download, like a new curl process.
  const client = createApiClient({ baseUrl: new URL(baseUrl), token, userAgent: 'testing-studio-action-bench', clock: systemClock });
  try {
    const started = performance.now();
    const ctx = { signal: AbortSignal.timeout(120_000), deadline: Date.now() + 120_000 };
    const { bytes } = await client.download(route, file, ctx);
    return { seconds: (performance.now() - started) / 1000, bytes };
  } finally {
    await client.close();
  }
}

/** The reference: undici.request → pipeline → file, nothing else. */
async function bareUndiciOnce(url: string, token: string, file: string): Promise<Timing> {
  const started = performance.now();
  const res = await request(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new MeasurementError(`bare undici got HTTP ${res.statusCode}`);
  }
  const out = createWriteStream(file);
  await pipeline(res.body, out);
  return { seconds: (performance.now() - started) / 1000, bytes: out.bytesWritten };
}

async function startStaticServer(resources: Resources, file: string, token: string, route: string): Promise<{ url: string; child: ChildProcess }> {
  const child = resources.adopt(
    spawn(process.execPath, ['--input-type=module', '-e', STATIC_SERVER], {
      env: { ART_FILE: file, ART_TOKEN: token, ART_PATH: route },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const port = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout?.setEncoding('utf8').once('data', (chunk: string) => resolve(chunk.trim()));
      child.once('exit', (code) => reject(new MeasurementError(`static server exited ${code}`)));
    }),
    10_000,
    'the static server start',
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await withTimeout(exited, 5_000, 'the static server stop', () => child.kill('SIGKILL'));
}

function check(timing: Timing, expected: number, who: string): Timing {
  if (timing.bytes !== expected) throw new MeasurementError(`${who} got ${timing.bytes} bytes, expected ${expected}`);
  return timing;
}

/** Median download time of the action's client vs curl for a 400 MB artifact, and their ratio. */
export async function measureTransfer({ resources, emulator }: Bench): Promise<Section> {
  const name = 'download speed';
  const curl = await findExecutable('curl');
  if (!curl) {
    return { name, figures: [skipped('Artifact download time, action / curl', 'curl not installed', `≤ ${RATIO_TARGET}`)], notes: [], raw: {} };
  }
  const dir = await resources.tempDir('transfer');
  try {
    // A fresh run whose 400 MB artifact exists as soon as it is created.
    emulator.script({ ...PASSING_SCENARIO, durationMs: 0, artifact: { sizeBytes: ARTIFACT_BYTES } });
    const created = await fetch(`${emulator.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ projectId: GIT_PROJECT_ID }),
    });
    const runId = ((await created.json()) as { data?: { runId?: string }[] }).data?.[0]?.runId;
    if (!created.ok || !runId) throw new MeasurementError(`could not create a run (HTTP ${created.status})`);
    const route = `/api/runs/${runId}/artifacts/`;

    // Once from the emulator with each client: shows what on-the-fly generation allows.
    const served = path.join(dir, 'served.zip');
    const fromEmulatorCurl = await curlOnce(curl, `${emulator.url}${route}`, emulator.token, served);
    const size = (await stat(served)).size;
    if (size < ARTIFACT_BYTES) throw new MeasurementError(`artifact is ${size} bytes, expected over ${ARTIFACT_BYTES}`);
    const scratch = path.join(dir, 'download.zip');
    const fromEmulatorClient = check(await clientOnce(emulator.url, emulator.token, route, scratch), size, 'the client (emulator)');
    await rm(scratch, { force: true });

    const server = await startStaticServer(resources, served, emulator.token, route.replace(/\/$/, ''));
    const contenders = ['curl', 'client', 'undici'] as const;
    const seconds: Record<(typeof contenders)[number], number[]> = { curl: [], client: [], undici: [] };
    const url = `${server.url}${route}`;
    try {
      for (let i = 0; i <= REPEATS; i++) {
        // round 0 warms everyone up; then rotate who goes first
        for (let k = 0; k < contenders.length; k++) {
          const who = contenders[(i + k) % contenders.length] ?? 'curl';
          let timing: Timing;
          if (who === 'curl') timing = await curlOnce(curl, url, emulator.token, scratch);
          else if (who === 'client') timing = await clientOnce(server.url, emulator.token, route, scratch);
          else timing = await bareUndiciOnce(url, emulator.token, scratch);
          check(timing, size, who);
          await rm(scratch, { force: true });
          if (i > 0) seconds[who].push(timing.seconds);
        }
      }
    } finally {
      await stopServer(server.child);
    }

    const curlMedian = median(seconds.curl);
    const clientMedian = median(seconds.client);
    const undiciMedian = median(seconds.undici);
    const ratio = clientMedian / curlMedian;
    const rate = (seconds: number): string => `${seconds.toFixed(2)} s (${(size / MB / seconds).toFixed(0)} MB/s)`;
    return {
      name,
      figures: [
        info('Artifact download 400 MB, curl (median)', curlMedian, 's', rate(curlMedian)),
        info('Artifact download 400 MB, action client (median)', clientMedian, 's', rate(clientMedian)),
        info('  reference: bare undici → file, same process', undiciMedian, 's', rate(undiciMedian)),
        bounded('Artifact download time, action / curl', ratio, 'ratio', `${ratio.toFixed(2)}×`, RATIO_TARGET, `${RATIO_TARGET}×`),
      ],
      notes: [
        `Download speed: the emulator generates the artifact on the fly at about ${(size / MB / fromEmulatorCurl.seconds).toFixed(0)} MB/s ` +
          `(curl ${fromEmulatorCurl.seconds.toFixed(2)} s, action client ${fromEmulatorClient.seconds.toFixed(2)} s), which would mask client ` +
          `differences, so the same ${(size / MB).toFixed(1)} MB zip was served from a file by a static node:http server in its own process; ` +
          `${REPEATS} rotating downloads each after a warm-up, fresh connection each; curl time is its own time_total (no process start-up), ` +
          'the client and bare-undici times are measured around the call in the bench process; all write to the same disk.',
        `Download speed: action client / bare undici = ${(clientMedian / undiciMedian).toFixed(2)}× ` +
          `(how much of the gap to curl is the client's own doing rather than Node's HTTP-to-file streaming).`,
      ],
      raw: {
        bytes: size,
        curlSeconds: seconds.curl.map((v) => round(v, 3)),
        clientSeconds: seconds.client.map((v) => round(v, 3)),
        bareUndiciSeconds: seconds.undici.map((v) => round(v, 3)),
        emulatorServed: { curlSeconds: round(fromEmulatorCurl.seconds, 3), clientSeconds: round(fromEmulatorClient.seconds, 3) },
      },
    };
  } finally {
    await resources.remove(dir);
  }
}
