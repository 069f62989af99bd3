/**
 * The processes of the download bench (scripts/bench-transfer.ts): a static
 * file server, curl, and the action's client bundled with ncc and run by
 * plain node (scripts/bench-download-client.ts), each in its own process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { REPO_ROOT, actionNode } from '../__tests__/helpers/action-runner.js';
import { findExecutable, MeasurementError, withTimeout, type Resources } from './bench-util.js';
import { errorMessage } from '../src/core/errors.js';

const DOWNLOAD_TIMEOUT_MS = 120_000;
const execFileAsync = promisify(execFile);

/**
 * The static server reads its file 1 MiB at a time. With node's 64 KiB
 * default the server spends as much CPU per byte as a Node client, and on a
 * 2-vCPU machine the two then compete for the cores, which curl (almost no
 * user-space CPU) does not: measured here, that alone moved the action / curl
 * ratio from ~1.2× to ~1.6×. A real artifact server runs on another machine.
 */
const SERVER_READ_BYTES = 1024 * 1024;

/**
 * Serves one file at one path to one bearer token, on 127.0.0.1; prints its
 * port. With ART_RATE (bytes per second) it paces the body like a link of
 * that bandwidth: each chunk leaves no earlier than the link would have
 * finished carrying the bytes before it.
 */
const STATIC_SERVER = `
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
const { ART_FILE: file, ART_TOKEN: token, ART_PATH: route } = process.env;
const size = statSync(file).size;
const READ_BYTES = Number(process.env.ART_READ_BYTES);
const RATE = Number(process.env.ART_RATE || 0);
async function* paced(source) {
  const start = performance.now();
  let sent = 0;
  for await (const chunk of source) {
    const wait = start + (sent / RATE) * 1000 - performance.now();
    if (wait > 0) await sleep(wait);
    sent += chunk.length;
    yield chunk;
  }
}
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0].replace(/\\/$/, '');
  if (req.headers.authorization !== 'Bearer ' + token) return void res.writeHead(401).end();
  if (req.method !== 'GET' || path !== route) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(size) });
  const body = createReadStream(file, { highWaterMark: READ_BYTES });
  pipeline(RATE > 0 ? Readable.from(paced(body)) : body, res, () => undefined);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

export interface Timing {
  /** Transfer time: curl's own time_total, or the client's call. */
  seconds: number;
  bytes: number;
  /** CPU time (user + system) of the process during the transfer; curl's only when /usr/bin/time is there. */
  cpu?: { user: number; system: number };
}

/** One curl download; under GNU time (when `timeBin` is given) to read its CPU time too. */
export function curlOnce(curl: string, url: string, token: string, file: string, timeBin?: string): Promise<Timing> {
  const curlArgs = ['-s', '-o', file, '-w', '%{http_code} %{size_download} %{time_total}', '-H', `Authorization: Bearer ${token}`, url];
  const [command, args] = timeBin ? [timeBin, ['-f', 'cpu %U %S', curl, ...curlArgs]] : [curl, curlArgs];
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: DOWNLOAD_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) return reject(new MeasurementError(`curl failed: ${error.message}`));
      const [code, size, total] = stdout.trim().split(' ');
      if (code !== '200') return reject(new MeasurementError(`curl got HTTP ${code}`));
      const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
      resolve({ seconds: Number(total), bytes: Number(size), ...(cpu ? { cpu: { user: Number(cpu[1]), system: Number(cpu[2]) } } : {}) });
    });
  });
}

/** fsync `file`, then `sync` the whole system where there is such a command. */
export async function flushToDisk(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const sync = await findExecutable('sync');
  if (sync) await execFileAsync(sync, [], { timeout: 120_000 });
}

/** Bundles the download client with ncc, as dist/ is bundled; returns the bundle's path. */
export async function buildDownloadClient(resources: Resources): Promise<string> {
  const outDir = await resources.tempDir('download-client');
  const ncc = path.join(REPO_ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  const entry = path.join(REPO_ROOT, 'scripts', 'bench-download-client.ts');
  try {
    await execFileAsync(process.execPath, [ncc, 'build', entry, '-o', outDir, '-q'], { timeout: 300_000, cwd: REPO_ROOT });
  } catch (error) {
    throw new MeasurementError(`could not bundle ${path.relative(REPO_ROOT, entry)}: ${errorMessage(error)}`);
  }
  return path.join(outDir, 'index.js');
}

export type Command = 'client' | 'undici';

/** A line from the download client (see its header comment). */
interface Answer extends Partial<Timing> {
  ready?: boolean;
  error?: string;
}

/** One fresh `node` process running the bundled download client (see scripts/bench-download-client.ts). */
export class DownloadProcess {
  private readonly answers: AsyncIterator<string>;

  private constructor(private readonly child: ChildProcess) {
    if (!child.stdout) throw new MeasurementError('the download client has no stdout');
    this.answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /** Spawns the bundle and waits until it has loaded (its start-up is not part of any figure, as curl's is not). */
  static async start(resources: Resources, bundle: string, baseUrl: string, route: string, token: string, file: string): Promise<DownloadProcess> {
    const child = spawn(actionNode(), [bundle, baseUrl, route, token, file], { stdio: ['pipe', 'pipe', 'inherit'] });
    const started = new DownloadProcess(resources.adopt(child));
    const hello = await started.nextAnswer('start-up', 30_000);
    if (!hello.ready) throw new MeasurementError(`the download client said ${JSON.stringify(hello)} instead of ready`);
    return started;
  }

  /** One download; resolves with the child's own timing of it. */
  async ask(command: Command): Promise<Timing> {
    this.child.stdin?.write(`${command}\n`);
    const answer = await this.nextAnswer(`the ${command} download`, DOWNLOAD_TIMEOUT_MS);
    if (answer.error !== undefined || answer.seconds === undefined || answer.bytes === undefined) {
      throw new MeasurementError(`the ${command} download failed: ${answer.error ?? JSON.stringify(answer)}`);
    }
    return { seconds: answer.seconds, bytes: answer.bytes, ...(answer.cpu ? { cpu: answer.cpu } : {}) };
  }

  private async nextAnswer(what: string, timeoutMs: number): Promise<Answer> {
    const next = await withTimeout(this.answers.next(), timeoutMs, what, () => this.child.kill('SIGKILL'));
    if (next.done) throw new MeasurementError(`the download client exited (code ${this.child.exitCode}) during ${what}`);
    return JSON.parse(next.value) as Answer;
  }

  /** Ends its stdin, which ends it. */
  close(): Promise<void> {
    return stopChild(this.child, () => this.child.stdin?.end(), 10_000, 'the download client exit');
  }
}

/**
 * Starts the static server in its own process, serving `file` at `route`
 * (with or without a trailing slash); `bytesPerSecond` paces it like a link
 * of that bandwidth (unpaced when omitted).
 */
export async function startStaticServer(
  resources: Resources,
  file: string,
  token: string,
  route: string,
  bytesPerSecond?: number,
): Promise<{ url: string; child: ChildProcess }> {
  const child = resources.adopt(
    spawn(process.execPath, ['--input-type=module', '-e', STATIC_SERVER], {
      env: { ART_FILE: file, ART_TOKEN: token, ART_PATH: route.replace(/\/$/, ''), ART_READ_BYTES: String(SERVER_READ_BYTES), ART_RATE: String(bytesPerSecond ?? 0) },
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

export function stopServer(child: ChildProcess): Promise<void> {
  return stopChild(child, () => child.kill('SIGTERM'), 5_000, 'the static server stop');
}

/** Asks a child to stop (`stop`) and waits for its exit; SIGKILL after `ms`. */
async function stopChild(child: ChildProcess, stop: () => void, ms: number, what: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  stop();
  await withTimeout(exited, ms, what, () => child.kill('SIGKILL'));
}

export function check(timing: Timing, expected: number, who: string): Timing {
  if (timing.bytes !== expected) throw new MeasurementError(`${who} got ${timing.bytes} bytes, expected ${expected}`);
  return timing;
}

