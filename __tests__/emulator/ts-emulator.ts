/**
 * The emulator object: wires state, routes and the HTTP harness together and
 * exposes the controls tests use. Import it through testing-studio-emulator.ts.
 */
import { DEFAULT_TOKEN, PASSING_SCENARIO } from './ts-fixtures.js';
import { FaultInjector } from './ts-faults.js';
import type { EmulatedRun } from './ts-run.js';
import { createRoutes } from './ts-routes.js';
import { startHarness, type RequestRecord } from './ts-server.js';
import { EmulatorState } from './ts-state.js';
import type { EmulatedProject, EmulatorOptions, ProjectOptions, ProjectSpec, RunScenario, UploadRecord } from './ts-types.js';

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The bearer token it accepts. */
  readonly token: string;
  /** Queue faults for upcoming requests. */
  readonly faults: FaultInjector;
  /** Every request received (the last 10 000), oldest first. */
  readonly requests: readonly RequestRecord[];
  /** Created runs by id; `status` is live. */
  readonly runs: ReadonlyMap<string, EmulatedRun>;
  /** Suite upload attempts, oldest first. */
  readonly uploads: readonly UploadRecord[];
  /** Projects by id. */
  readonly projects: ReadonlyMap<string, EmulatedProject>;
  /** Errors thrown inside route handlers (answered 500); should stay empty. */
  readonly handlerErrors: readonly Error[];
  /** Adds a project. */
  addProject(spec: ProjectSpec): EmulatedProject;
  /** Changes an existing project (storage, name, token …). */
  setProjectOptions(projectId: string, options: ProjectOptions): EmulatedProject;
  /** Scripts the next `times` created runs, or (without `times`) every later run. */
  script(scenario: RunScenario, times?: number): void;
  /** Counts requests by method (case-insensitive; '*' for any) and path pattern or exact path. */
  countRequests(method: string, path: RegExp | string): number;
  /** When the run became terminal (epoch ms on the emulator's clock), if it has. */
  lastRunEndedAt(runId: string): number | undefined;
  /** The most recently created run, if any. */
  latestRun(): EmulatedRun | undefined;
  /** Stops listening, destroys open sockets and clears every timer. */
  close(): Promise<void>;
}

function pathMatches(pattern: RegExp | string, path: string): boolean {
  if (typeof pattern === 'string') return pattern.replace(/\/$/, '') === path.replace(/\/$/, '');
  pattern.lastIndex = 0;
  return pattern.test(path);
}

/** Starts an emulator on 127.0.0.1 (port 0 unless `options.port`). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? (() => Date.now());
  const token = options.token ?? DEFAULT_TOKEN;
  const state = new EmulatorState(now, options.defaultScenario ?? PASSING_SCENARIO, options.defaultProjects ?? true);
  const faults = new FaultInjector();
  const harness = await startHarness({ port: options.port, tls: options.tls, handler: createRoutes(state, token), faults, now });

  return {
    url: harness.url,
    token,
    faults,
    requests: harness.requests,
    runs: state.runs,
    uploads: state.uploads,
    projects: state.projects,
    handlerErrors: harness.handlerErrors,
    addProject: (spec) => state.addProject(spec),
    setProjectOptions: (id, projectOptions) => state.setProjectOptions(id, projectOptions),
    script: (scenario, times) => state.script(scenario, times),
    countRequests: (method, path) =>
      harness.requests.filter((r) => (method === '*' || r.method === method.toUpperCase()) && pathMatches(path, r.path)).length,
    lastRunEndedAt: (runId) => state.runs.get(runId)?.endedAt,
    latestRun: () => [...state.runs.values()].at(-1),
    close: () => harness.close(),
  };
}
