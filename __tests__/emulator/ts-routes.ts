/**
 * The Testing Studio endpoints the action uses, answered the way the API
 * reference shows them (one-element `data` arrays for runs, 204s, FastAPI-like
 * `detail` errors). Paths are matched exactly as the reference writes them,
 * trailing slash or none (`GET /api/runs/<run_id>` but `GET /api/runs/<run_id>/logs/`):
 * the other spelling is answered 404, so a client that drifts from the
 * documented paths fails the tests. (A real server might redirect instead.)
 */
import { artifactResult } from './ts-artifacts.js';
import type { EmulatedRun } from './ts-run.js';
import { invalidRequest, type HarnessRequest, type RouteHandler, type RouteResult } from './ts-server.js';
import { isUuid, type EmulatorState } from './ts-state.js';
import { handleUpload } from './ts-uploads.js';

type Params = Record<string, string>;
type Action = (req: HarnessRequest, params: Params) => Promise<RouteResult> | RouteResult;

interface Route {
  method: string;
  pattern: RegExp;
  action: Action;
}

const ID = '([^/]+)';

function route(method: string, path: string, action: Action): Route {
  // `:name` segments become capture groups, in order
  const pattern = new RegExp(`^${path.replace(/:[a-z]+/g, ID)}$`);
  return { method, pattern, action };
}

function detail(status: number, message: string): RouteResult {
  return { status, json: { detail: message } };
}

/** Whether a request body is sent as JSON: no content type at all is taken for JSON, as FastAPI does. */
function isJsonBody(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/json\s*(;|$)/i.test(contentType);
}

/** The Create Run filters (reference: "Runs › Create Run", strings or null), or the field that is neither. */
function filtersOf(body: Record<string, unknown>): { group: string | null; utterance: string | null; description: string | null } | string {
  const filters = { group: body.group ?? null, utterance: body.utterance ?? null, description: body.description ?? null };
  for (const [field, value] of Object.entries(filters)) if (value !== null && typeof value !== 'string') return field;
  return filters as { group: string | null; utterance: string | null; description: string | null };
}

function parseJsonBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function authorised(header: string | undefined, token: string): boolean {
  const match = /^bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1] === token;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Builds the emulator's request handler over `state`, accepting bearer `token`. */
export function createRoutes(state: EmulatorState, token: string): RouteHandler {
  const withRun = (id: string | undefined, answer: (run: EmulatedRun) => Promise<RouteResult> | RouteResult): Promise<RouteResult> | RouteResult => {
    const run = id === undefined ? undefined : state.runs.get(id);
    return run ? answer(run) : detail(404, 'Run not found');
  };
  const withProject = (id: string | undefined, answer: (p: NonNullable<ReturnType<typeof state.projects.get>>) => Promise<RouteResult> | RouteResult): Promise<RouteResult> | RouteResult => {
    const project = id === undefined ? undefined : state.projects.get(id);
    return project ? answer(project) : detail(404, 'Project not found');
  };

  const routes: Route[] = [
    route('GET', '/api/projects/', () => {
      const data = [...state.projects.values()].map((p) => state.projectJson(p));
      return { status: 200, json: { data, meta: { count: data.length } } };
    }),
    route('GET', '/api/projects/:id', (_req, p) => withProject(p.id, (project) => ({ status: 200, json: { data: state.projectJson(project), meta: { count: 1 } } }))),
    route('GET', '/api/projects/:id/runs/', (_req, p) =>
      withProject(p.id, (project) => {
        const data = state.runsOf(project.id).map((r) => r.toJson());
        return { status: 200, json: { data, meta: { count: data.length } } };
      }),
    ),
    route('POST', '/api/projects/:id/suites/', (req, p) => withProject(p.id, (project) => handleUpload(req, project, state.uploads))),
    route('POST', '/api/runs/', (req) => {
      const body = isJsonBody(req.headers['content-type']) ? parseJsonBody(req.body) : undefined;
      if (!body) return invalidRequest('__root__', 'value is not a valid dict');
      if (body.projectId === undefined || body.projectId === null) return invalidRequest('projectId', 'field required');
      if (!isUuid(body.projectId)) return invalidRequest('projectId', 'value is not a valid uuid');
      const filters = filtersOf(body);
      if (typeof filters === 'string') return invalidRequest(filters, 'str type expected');
      const project = state.projects.get(body.projectId);
      if (!project) return detail(404, 'Project not found');
      const run = state.createRun(project, filters);
      return { status: 200, json: { data: [run.toJson()], meta: { count: 1 } } };
    }),
    route('GET', '/api/runs/:id', (_req, p) => withRun(p.id, (run) => ({ status: 200, json: { data: [run.toJson()], meta: { count: 1 } } }))),
    route('POST', '/api/runs/:id/revoke/', (_req, p) =>
      withRun(p.id, (run) => {
        run.revoke();
        return { status: 204 };
      }),
    ),
    route('GET', '/api/runs/:id/suites/', (_req, p) => withRun(p.id, (run) => ({ status: 200, json: { data: run.suitesJson() } }))),
    route('GET', '/api/runs/:id/run_stats/', (_req, p) => withRun(p.id, (run) => ({ status: 200, json: { data: run.statsJson() } }))),
    route('GET', '/api/runs/:id/test_cases/', (_req, p) => withRun(p.id, (run) => ({ status: 200, json: { data: run.casesJson() } }))),
    route('GET', '/api/runs/:id/logs/', (_req, p) => withRun(p.id, (run) => ({ status: 200, json: { data: run.logsJson(), completed: run.isTerminal } }))),
    route('GET', '/api/runs/:id/artifacts/', (_req, p) => withRun(p.id, (run) => (run.hasArtifact ? artifactResult(run) : detail(404, 'Artifact not found')))),
  ];

  return async (req) => {
    const path = req.path;
    if (path === '/api/healthcheck/') {
      return req.method === 'GET' ? { status: 200, json: { data: { status: 'up' } } } : detail(405, 'Method Not Allowed');
    }
    if (path.startsWith('/api/') && !authorised(req.headers.authorization, token)) return detail(401, 'Invalid token');
    let pathMatched = false;
    for (const candidate of routes) {
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (candidate.method !== req.method) continue;
      const [, id] = match;
      return candidate.action(req, id === undefined ? {} : { id: safeDecode(id) });
    }
    return pathMatched ? detail(405, 'Method Not Allowed') : detail(404, 'Not Found');
  };
}
