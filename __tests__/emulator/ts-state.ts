/**
 * The emulator's world: projects, runs, uploads and the scenario script that
 * decides how the next created runs behave.
 */
import { randomUUID } from 'node:crypto';
import { defaultProjects, DOC_USER_ID } from './ts-fixtures.js';
import { EmulatedRun } from './ts-run.js';
import type { EmulatedProject, ProjectOptions, ProjectSpec, RunFiltersSeen, RunScenario, UploadRecord } from './ts-types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID string (any version), as the API's path and body ids must be. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Mutable state behind one emulator instance. */
export class EmulatorState {
  readonly projects = new Map<string, EmulatedProject>();
  readonly runs = new Map<string, EmulatedRun>();
  readonly uploads: UploadRecord[] = [];
  private sticky: RunScenario;
  private readonly queue: { scenario: RunScenario; remaining: number }[] = [];

  constructor(
    readonly now: () => number,
    defaultScenario: RunScenario,
    withDefaultProjects: boolean,
  ) {
    this.sticky = defaultScenario;
    if (withDefaultProjects) for (const project of defaultProjects()) this.projects.set(project.id, project);
  }

  /** Adds a project; git projects get a doc-like repo URL and token. */
  addProject(spec: ProjectSpec): EmulatedProject {
    const id = spec.id ?? randomUUID();
    if (!isUuid(id)) throw new TypeError(`project id must be a UUID, got ${id}`);
    const git = spec.storage === 'git';
    const project: EmulatedProject = {
      id,
      name: spec.name ?? `project_${id.slice(0, 8)}`,
      group: spec.group ?? 'iandronis',
      userId: DOC_USER_ID,
      storage: spec.storage,
      gitUrl: git ? (spec.gitUrl ?? 'https://gitlab.omilia.com/iandronis/my_testing_studio_repo.git') : null,
      gitToken: git ? (spec.gitToken ?? randomUUID().replace(/-/g, '').slice(0, 20)) : null,
      gitProvider: git ? 'gitlab' : null,
    };
    this.projects.set(id, project);
    return project;
  }

  /** Changes fields of an existing project (e.g. switches its storage). */
  setProjectOptions(id: string, options: ProjectOptions): EmulatedProject {
    const project = this.projects.get(id);
    if (!project) throw new RangeError(`no project ${id}`);
    Object.assign(project, options);
    return project;
  }

  /**
   * Scripts how runs created from now on behave: for the next `times` runs
   * when given, otherwise for every later run until scripted again.
   */
  script(scenario: RunScenario, times?: number): void {
    if (times === undefined) {
      this.queue.length = 0;
      this.sticky = scenario;
      return;
    }
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    this.queue.push({ scenario, remaining: times });
  }

  private nextScenario(): RunScenario {
    const head = this.queue[0];
    if (!head) return this.sticky;
    head.remaining -= 1;
    if (head.remaining === 0) this.queue.shift();
    return head.scenario;
  }

  /** Creates a run for an existing project, following the script. */
  createRun(project: EmulatedProject, filters: RunFiltersSeen): EmulatedRun {
    const run = new EmulatedRun(project.id, filters, withFilteredCases(this.nextScenario(), filters), this.now(), this.now, project.userId);
    this.runs.set(run.id, run);
    return run;
  }

  /** A project's runs, newest first. */
  runsOf(projectId: string): EmulatedRun[] {
    return [...this.runs.values()].filter((r) => r.projectId === projectId).reverse();
  }

  /** The Project model, with its latest run. */
  projectJson(project: EmulatedProject): Record<string, unknown> {
    const latest = this.runsOf(project.id)[0];
    return {
      name: project.name,
      gitUrl: project.gitUrl,
      gitToken: project.gitToken,
      gitProvider: project.gitProvider,
      id: project.id,
      userId: project.userId,
      group: project.group,
      latestRun: latest ? latest.toJson() : null,
      ...storageFlags(project),
    };
  }
}

function storageFlags(project: EmulatedProject): Record<string, boolean> {
  switch (project.storageFlags ?? 'shown') {
    case 'omitted':
      return {};
    case 'both-false':
      return { gitStorage: false, s3Storage: false };
    default:
      return { gitStorage: project.storage === 'git', s3Storage: project.storage === 's3' };
  }
}

/**
 * The scenario with only the cases Create Run's filters choose (reference:
 * "filter test cases based on their group / utterances / description"). How
 * the real server matches is not documented; here a filter keeps the cases
 * whose field holds it, ignoring case. A filter on a field no case of the
 * scenario sets keeps them all, so scenarios need not spell every field out;
 * one on a field some cases set (descriptions, say) runs only those, or none,
 * as a real server would.
 */
export function withFilteredCases(scenario: RunScenario, filters: RunFiltersSeen): RunScenario {
  const cases = scenario.cases;
  if (!cases) return scenario;
  const fields = ['group', 'utterance', 'description'] as const;
  const kept = cases.filter((c) =>
    fields.every((field) => {
      const wanted = filters[field];
      if (typeof wanted !== 'string' || wanted === '' || !cases.some((other) => other[field])) return true;
      return (c[field] ?? '').toLowerCase().includes(wanted.toLowerCase());
    }),
  );
  return kept.length === cases.length ? scenario : { ...scenario, cases: kept };
}
