/**
 * Artifact download speed: the action's HTTP client against curl, on the
 * same server. The emulator generates a large artifact on the fly (random
 * bytes + CRC), which caps its speed, so the artifact is fetched from it once
 * and then served from a file by a tiny static server in its own process.
 *
 * The action's client is measured the way a job runs it: bundled with ncc
 * (scripts/bench-download-client.ts) and run by plain `node` in a fresh
 * process, whose first download is the figure; the same process's second
 * download shows the steady state. A bare undici request piped to a file, in
 * a fresh process too, is the reference for what Node + undici can do.
 * curl's figure is its own time_total; everyone writes to the same disk,
 * rounds rotate who goes first, and round 0 is a discarded warm-up.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout } from 'node:timers/promises';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../__tests__/helpers/action-runner.js';
import { GNU_TIME, hasGnuTime } from './bench-rss.js';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../__tests__/emulator/testing-studio-emulator.js';
import { bounded, findExecutable, info, type Figure, MB, median, MeasurementError, round, skipped, withTimeout, type Bench, type Resources, type Section } from './bench-util.js';

const ARTIFACT_BYTES = 400 * MB;
const REPEATS = 7;
const RATIO_TARGET = 1.1;
const DOWNLOAD_TIMEOUT_MS = 120_000;
const execFileAsync = promisify(execFile);
/** Pause before each download, for every contender: lets the previous one's file removal and process exit settle. */
const SETTLE_MS = 300;
/**
 * The static server reads its file 1 MiB at a time. With node's 64 KiB
 * default the server spends as much CPU per byte as a Node client, and on a
 * 2-vCPU machine the two then compete for the cores, which curl (almost no
 * user-space CPU) does not: measured here, that alone moved the action / curl
 * ratio from ~1.2× to ~1.6×. A real artifact server runs on another machine.
 */
const SERVER_READ_BYTES = 1024 * 1024;

/** Serves one file at one path to one bearer token, on 127.0.0.1; prints its port. */
const STATIC_SERVER = `
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
const { ART_FILE: file, ART_TOKEN: token, ART_PATH: route } = process.env;
const size = statSync(file).size;
const READ_BYTES = Number(process.env.ART_READ_BYTES);
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0].replace(/\\/$/, '');
  if (req.headers.authorization !== 'Bearer ' + token) return void res.writeHead(401).end();
  if (req.method !== 'GET' || path !== route) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(size) });
  pipeline(createReadStream(file, { highWaterMark: READ_BYTES }), res, () => undefined);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

interface Timing {
  /** Transfer time: curl's own time_total, or the client's call. */
  seconds: number;
  bytes: number;
  /** CPU time (user + system) of the process during the transfer; curl's only when /usr/bin/time is there. */
  cpu?: { user: number; system: number };
}

/** One curl download; under GNU time (when `timeBin` is given) to read its CPU time too. */
function curlOnce(curl: string, url: string, token: string, file: string, timeBin?: string): Promise<Timing> {
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
async function flushToDisk(file: string): Promise<void> {
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
async function buildDownloadClient(resources: Resources): Promise<string> {
  const outDir = await resources.tempDir('download-client');
  const ncc = path.join(REPO_ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  const entry = path.join(REPO_ROOT, 'scripts', 'bench-download-client.ts');
  try {
    await execFileAsync(process.execPath, [ncc, 'build', entry, '-o', outDir, '-q'], { timeout: 300_000, cwd: REPO_ROOT });
  } catch (error) {
    throw new MeasurementError(`could not bundle ${path.relative(REPO_ROOT, entry)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return path.join(outDir, 'index.js');
}

type Command = 'client' | 'undici';

/** A line from the download client (see its header comment). */
interface Answer extends Partial<Timing> {
  ready?: boolean;
  error?: string;
}

/** One fresh `node` process running the bundled download client (see scripts/bench-download-client.ts). */
class DownloadProcess {
  private readonly answers: AsyncIterator<string>;

  private constructor(private readonly child: ChildProcess) {
    if (!child.stdout) throw new MeasurementError('the download client has no stdout');
    this.answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /** Spawns the bundle and waits until it has loaded (its start-up is not part of any figure, as curl's is not). */
  static async start(resources: Resources, bundle: string, baseUrl: string, route: string, token: string, file: string): Promise<DownloadProcess> {
    const child = spawn(process.execPath, [bundle, baseUrl, route, token, file], { stdio: ['pipe', 'pipe', 'inherit'] });
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

async function startStaticServer(resources: Resources, file: string, token: string, route: string): Promise<{ url: string; child: ChildProcess }> {
  const child = resources.adopt(
    spawn(process.execPath, ['--input-type=module', '-e', STATIC_SERVER], {
      env: { ART_FILE: file, ART_TOKEN: token, ART_PATH: route, ART_READ_BYTES: String(SERVER_READ_BYTES) },
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

function stopServer(child: ChildProcess): Promise<void> {
  return stopChild(child, () => child.kill('SIGTERM'), 5_000, 'the static server stop');
}

/** Asks a child to stop (`stop`) and waits for its exit; SIGKILL after `ms`. */
async function stopChild(child: ChildProcess, stop: () => void, ms: number, what: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  stop();
  await withTimeout(exited, ms, what, () => child.kill('SIGKILL'));
}

function check(timing: Timing, expected: number, who: string): Timing {
  if (timing.bytes !== expected) throw new MeasurementError(`${who} got ${timing.bytes} bytes, expected ${expected}`);
  return timing;
}

/** Samples per contender, in seconds. */
interface Samples {
  curl: number[];
  /** The action's client, first download of a fresh process (what a job does). */
  clientFirst: number[];
  /** The action's client, second download of the same process. */
  clientSecond: number[];
  /** Bare undici → file, first download of a fresh process. */
  undiciFirst: number[];
  /** CPU seconds (user, system) per download: curl (under GNU time) and the client's first download. */
  curlCpu: { user: number; system: number }[];
  clientFirstCpu: { user: number; system: number }[];
}

type Contender = 'curl' | 'client' | 'undici';
const CONTENDERS: readonly Contender[] = ['curl', 'client', 'undici'];

interface Round {
  curl: string;
  /** GNU time, to read curl's CPU time; undefined when missing. */
  timeBin: string | undefined;
  bundle: string;
  resources: Resources;
  server: string;
  route: string;
  token: string;
  scratch: string;
  size: number;
}

/** Runs one contender once (the client twice in one process) and returns its timings. */
async function runContender(who: Contender, r: Round): Promise<Timing[]> {
  // Remove the last download, then let the kernel finish freeing its pages
  // before the next one starts (the same pause for every contender).
  const fresh = async (): Promise<void> => {
    await rm(r.scratch, { force: true });
    await setTimeout(SETTLE_MS);
  };
  if (who === 'curl') {
    await fresh();
    return [check(await curlOnce(r.curl, `${r.server}${r.route}`, r.token, r.scratch, r.timeBin), r.size, who)];
  }
  const child = await DownloadProcess.start(r.resources, r.bundle, r.server, r.route, r.token, r.scratch);
  try {
    const timings: Timing[] = [];
    for (let k = 0; k < (who === 'client' ? 2 : 1); k++) {
      await fresh();
      timings.push(check(await child.ask(who), r.size, who));
    }
    return timings;
  } finally {
    await child.close();
    await fresh();
  }
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
    const bundle = await buildDownloadClient(resources);
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

    // Once from the emulator: shows what on-the-fly generation allows.
    const served = path.join(dir, 'served.zip');
    const fromEmulator = await curlOnce(curl, `${emulator.url}${route}`, emulator.token, served);
    const size = (await stat(served)).size;
    if (size < ARTIFACT_BYTES) throw new MeasurementError(`artifact is ${size} bytes, expected over ${ARTIFACT_BYTES}`);
    // Flush it, and what earlier measurements wrote, to disk now: otherwise
    // the kernel writes it back ~30 s later, in the middle of the rounds, and
    // whoever is downloading then pays.
    await flushToDisk(served);

    const server = await startStaticServer(resources, served, emulator.token, route.replace(/\/$/, ''));
    const timeBin = (await hasGnuTime()) ? GNU_TIME : undefined;
    const round: Round = { curl, timeBin, bundle, resources, server: server.url, route, token: emulator.token, scratch: path.join(dir, 'download.zip'), size };
    const samples: Samples = { curl: [], clientFirst: [], clientSecond: [], undiciFirst: [], curlCpu: [], clientFirstCpu: [] };
    try {
      for (let i = 0; i <= REPEATS; i++) {
        for (let k = 0; k < CONTENDERS.length; k++) {
          const who = CONTENDERS[(i + k) % CONTENDERS.length] ?? 'curl';
          const [first, second] = await runContender(who, round);
          if (i === 0 || !first) continue; // round 0 is the warm-up: page cache, disk, CPU frequency
          if (who === 'curl') {
            samples.curl.push(first.seconds);
            if (first.cpu) samples.curlCpu.push(first.cpu);
          }
          if (who === 'undici') samples.undiciFirst.push(first.seconds);
          if (who === 'client') {
            samples.clientFirst.push(first.seconds);
            if (first.cpu) samples.clientFirstCpu.push(first.cpu);
            if (second) samples.clientSecond.push(second.seconds);
          }
        }
      }
    } finally {
      await stopServer(server.child);
    }
    return transferSection(name, samples, size, fromEmulator.seconds);
  } finally {
    await resources.remove(dir);
  }
}

function transferSection(name: string, samples: Samples, size: number, emulatorCurlSeconds: number): Section {
  const curlMedian = median(samples.curl);
  const first = median(samples.clientFirst);
  const second = median(samples.clientSecond);
  const undici = median(samples.undiciFirst);
  const ratio = first / curlMedian;
  const rate = (seconds: number): string => `${seconds.toFixed(2)} s (${(size / MB / seconds).toFixed(0)} MB/s)`;
  return {
    name,
    figures: [
      info('Artifact download 400 MB, curl (median)', curlMedian, 's', rate(curlMedian)),
      info('Artifact download 400 MB, action client, fresh process (median)', first, 's', rate(first)),
      info('  same process, second download (median)', second, 's', `${rate(second)}, ${(second / curlMedian).toFixed(2)}× curl`),
      info('  reference: bare undici → file, fresh process', undici, 's', `${rate(undici)}, ${(undici / curlMedian).toFixed(2)}× curl`),
      ...cpuFigures(samples),
      bounded('Artifact download time, action / curl (first download, fresh process)', ratio, 'ratio', `${ratio.toFixed(2)}×`, RATIO_TARGET, `${RATIO_TARGET}×`),
    ],
    notes: [
      `Download speed: the emulator generates the artifact on the fly at about ${(size / MB / emulatorCurlSeconds).toFixed(0)} MB/s, ` +
        `which would mask client differences, so the same ${(size / MB).toFixed(1)} MB zip was served from a file by a static node:http ` +
        `server in its own process; ${REPEATS} rounds after a warm-up, rotating who goes first, a fresh connection per download. ` +
        'The action client ran as an ncc bundle on plain node (a fresh process per round, like a job); its time and undici\'s are taken ' +
        'around the call inside that process, curl\'s is its own time_total: neither counts process start-up.',
      `Download speed: action client / bare undici (both first downloads of a fresh process) = ${(first / undici).toFixed(2)}×: ` +
        'the part of the gap to curl that is the action\'s own doing rather than Node + undici streaming to a file.',
    ],
    raw: {
      bytes: size,
      curlSeconds: samples.curl.map((v) => round(v, 3)),
      clientFirstSeconds: samples.clientFirst.map((v) => round(v, 3)),
      clientSecondSeconds: samples.clientSecond.map((v) => round(v, 3)),
      bareUndiciFirstSeconds: samples.undiciFirst.map((v) => round(v, 3)),
      curlCpuSeconds: samples.curlCpu.map(({ user, system }) => ({ user: round(user, 3), system: round(system, 3) })),
      clientFirstCpuSeconds: samples.clientFirstCpu.map(({ user, system }) => ({ user: round(user, 3), system: round(system, 3) })),
      emulatorServedCurlSeconds: round(emulatorCurlSeconds, 3),
    },
  };
}

/**
 * CPU time per download, the steadier figure on a shared machine: on loopback
 * the transfer is CPU-bound, so user-space CPU beyond curl's is the gap.
 */
function cpuFigures(samples: Samples): Figure[] {
  const row = (label: string, cpu: { user: number; system: number }[]): Figure[] => {
    if (cpu.length === 0) return [];
    const user = median(cpu.map((c) => c.user));
    const system = median(cpu.map((c) => c.system));
    return [info(label, user + system, 's', `user ${user.toFixed(2)} s + system ${system.toFixed(2)} s`)];
  };
  return [
    ...row('  CPU per download, curl (median)', samples.curlCpu),
    ...row('  CPU per download, action client, first download (median)', samples.clientFirstCpu),
  ];
}
