/**
 * Standalone mode for demos: starts the emulator (and optionally the fake
 * GitHub), prints where they listen, and stops on SIGINT/SIGTERM.
 *
 *   tsx __tests__/emulator/serve.ts --port 8080 [--token T] [--scenario passing|failing|hostile|many:N]
 *                                   [--duration MS] [--github-port 8081]
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFakeGitHub } from './fake-github.js';
import { FAILING_SCENARIO, GIT_PROJECT_ID, HOSTILE_SCENARIO, manyCasesScenario, PASSING_SCENARIO, S3_PROJECT_ID } from './ts-fixtures.js';
import type { RunScenario } from './ts-types.js';
import { startEmulator } from './ts-emulator.js';

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? undefined : args[index + 1];
}

function scenarioNamed(name: string | undefined): RunScenario {
  if (name === undefined || name === 'passing') return PASSING_SCENARIO;
  if (name === 'failing') return FAILING_SCENARIO;
  if (name === 'hostile') return HOSTILE_SCENARIO;
  const many = /^many:(\d+)$/.exec(name);
  if (many?.[1]) return manyCasesScenario(Number(many[1]));
  throw new RangeError(`unknown scenario '${name}' (passing, failing, hostile, many:N)`);
}

/** Parses CLI arguments, starts the servers and keeps them up until a signal arrives. */
export async function serveFromArgs(args: readonly string[]): Promise<void> {
  const port = Number(option(args, 'port') ?? 8080);
  const duration = option(args, 'duration');
  const base = scenarioNamed(option(args, 'scenario'));
  const scenario = duration === undefined ? { ...base, durationMs: 3000 } : { ...base, durationMs: Number(duration) };
  const emulator = await startEmulator({ port, token: option(args, 'token'), defaultScenario: scenario });
  const githubPort = option(args, 'github-port');
  const github = githubPort === undefined ? undefined : await startFakeGitHub({ port: Number(githubPort) });

  console.log(`Testing Studio emulator listening on ${emulator.url}`);
  console.log(`  token: ${emulator.token}`);
  console.log(`  git project: ${GIT_PROJECT_ID}`);
  console.log(`  s3 project:  ${S3_PROJECT_ID}`);
  if (github) console.log(`Fake GitHub API listening on ${github.url}`);

  const stop = (): void => {
    void Promise.all([emulator.close(), github?.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) await serveFromArgs(process.argv.slice(2));
