/**
 * A fake GitHub REST API covering what the action's Octokit client
 * (@actions/github 9, baseUrl = GITHUB_API_URL so paths sit at the root) uses
 * for its sticky PR comment: list (paginated with Link headers), create,
 * get, update and delete issue comments, and GraphQL's `query { viewer { login } }`.
 * Who a token is: a personal access token in `userTokens` is its user (GET
 * /user names them, their comments are that user's); an app token in
 * `appTokens` is that app's bot; any other token is a GITHUB_TOKEN, the
 * `github-actions[bot]`. GET /user answers 403 for the bots, as GitHub does.
 * A `forbidden` switch mimics a token without write access (fork PRs).
 * `enterprise` lays it out as GitHub Enterprise Server does: REST under
 * `/api/v3`, GraphQL at `/api/graphql`.
 */
import { FaultInjector } from './ts-faults.js';
import { startHarness, type HarnessRequest, type RequestRecord, type RouteResult } from './ts-server.js';

/** GitHub's limit on a comment body, in characters. */
export const MAX_COMMENT_LENGTH = 65536;

/** The login of comments made with a GITHUB_TOKEN. */
export const BOT_LOGIN = 'github-actions[bot]';

/** A stored comment. */
export interface FakeComment {
  id: number;
  owner: string;
  repo: string;
  /** Issue / pull request number. */
  issue: number;
  body: string;
  user: { login: string; id: number; type: 'Bot' | 'User' };
  createdAt: string;
  updatedAt: string;
}

/** Construction options. */
export interface FakeGitHubOptions {
  port?: number;
  /** When set, only this token is accepted; otherwise any non-empty token is. */
  token?: string;
  /** Start in forbidden mode (POST/PATCH/DELETE answer 403). */
  forbidden?: boolean;
  /** Personal access tokens, each with its user's login; any other token acts as a GITHUB_TOKEN (the bot). */
  userTokens?: Record<string, string>;
  /** GitHub App installation tokens, each with its bot's login (`<app-slug>[bot]`). */
  appTokens?: Record<string, string>;
  /** Serve REST under `/api/v3` and GraphQL at `/api/graphql`, as GitHub Enterprise Server does. */
  enterprise?: boolean;
}

/** A running fake GitHub. */
export interface FakeGitHub {
  /** Base URL to use as GITHUB_API_URL / Octokit baseUrl. */
  readonly url: string;
  /** All comments, oldest first. */
  readonly comments: FakeComment[];
  readonly requests: readonly RequestRecord[];
  readonly faults: FaultInjector;
  /** Writes answer 403 "Resource not accessible by integration" while true. */
  forbidden: boolean;
  /** GraphQL answers 502 while true: who a token is cannot be asked. */
  graphqlDown: boolean;
  /** Adds a comment as if someone had written it (default: a human, on octo-org/octo-repo). */
  seedComment(spec: { issue: number; body: string; login?: string; type?: 'Bot' | 'User'; owner?: string; repo?: string }): FakeComment;
  /** Comments on one issue, oldest first. */
  commentsOn(issue: number, owner?: string, repo?: string): FakeComment[];
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

function message(status: number, text: string, extra: Record<string, unknown> = {}): RouteResult {
  return { status, json: { message: text, documentation_url: DOCS, ...extra } };
}

function parseBody(req: HarnessRequest): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function intParam(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Starts a fake GitHub API on 127.0.0.1. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const comments: FakeComment[] = [];
  const faults = new FaultInjector();
  let nextId = 1000;
  let base = '';
  const flags = { forbidden: options.forbidden ?? false, graphqlDown: false };

  const add = (owner: string, repo: string, issue: number, body: string, login: string, type: 'Bot' | 'User'): FakeComment => {
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const id = nextId++;
    const comment: FakeComment = { id, owner, repo, issue, body, user: { login, id: type === 'Bot' ? 41898282 : 500 + id, type }, createdAt: at, updatedAt: at };
    comments.push(comment);
    return comment;
  };

  const toJson = (c: FakeComment): Record<string, unknown> => ({
    id: c.id,
    node_id: `IC_kwDO${Buffer.from(String(c.id)).toString('base64')}`,
    url: `${base}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.owner}/${c.repo}/issues/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
    body: c.body,
    user: { login: c.user.login, id: c.user.id, type: c.user.type, site_admin: false },
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  });

  const validBody = (req: HarnessRequest): string | RouteResult => {
    const body = parseBody(req)?.body;
    if (typeof body !== 'string' || body.length === 0) {
      return message(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
    }
    if (body.length > MAX_COMMENT_LENGTH) {
      return message(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)` }] });
    }
    return body;
  };

  const listComments = (req: HarnessRequest, owner: string, repo: string, issue: number): RouteResult => {
    const all = comments.filter((c) => c.owner === owner && c.repo === repo && c.issue === issue);
    const perPage = intParam(req.query.get('per_page'), 30, 1, 100);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const page = intParam(req.query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
    const pageUrl = (n: number): string => `${base}/repos/${owner}/${repo}/issues/${issue}/comments?per_page=${perPage}&page=${n}`;
    const links: string[] = [];
    if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
    if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`, `<${pageUrl(1)}>; rel="first"`);
    const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
    return { status: 200, headers, json: all.slice((page - 1) * perPage, page * perPage).map(toJson) };
  };

  const tokenOf = (header: string | undefined): string | undefined => /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1];
  const authorised = (header: string | undefined): boolean => {
    const token = tokenOf(header);
    return (
      token !== undefined &&
      (options.token === undefined || token === options.token || token in (options.userTokens ?? {}) || token in (options.appTokens ?? {}))
    );
  };

  const handler = async (req: HarnessRequest): Promise<RouteResult> => {
    if (!req.headers.authorization) return message(401, 'Requires authentication');
    if (!authorised(req.headers.authorization)) return message(401, 'Bad credentials');
    const rest = options.enterprise ? /^\/api\/v3(\/.*)$/.exec(req.path)?.[1] : req.path;
    const graphqlPath = options.enterprise ? '/api/graphql' : '/graphql';
    // GraphQL answers only at its own path: on GHES, `/api/v3/graphql` is a 404.
    const path = req.path === graphqlPath ? '/graphql' : rest === undefined || rest === '/graphql' ? '/not-found' : rest.replace(/\/$/, '');
    const token = tokenOf(req.headers.authorization) ?? '';
    const userLogin = options.userTokens?.[token];
    const botLogin = options.appTokens?.[token] ?? BOT_LOGIN;
    if (path === '/user') {
      if (!userLogin) return message(403, 'Resource not accessible by integration');
      return { status: 200, json: { login: userLogin, id: 4242, type: 'User', site_admin: false } };
    }
    if (path === '/graphql' && req.method === 'POST') {
      if (flags.graphqlDown) return message(502, 'Server Error');
      const query = parseBody(req)?.query;
      if (typeof query !== 'string' || !/\bviewer\s*\{\s*login\s*\}/.test(query)) {
        return { status: 200, json: { errors: [{ message: 'the fake answers only query { viewer { login } }' }] } };
      }
      return { status: 200, json: { data: { viewer: { login: userLogin ?? botLogin } } } };
    }
    const write = req.method !== 'GET';

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    if (list) {
      const [, owner = '', repo = '', issue = '0'] = list;
      if (req.method === 'GET') return listComments(req, owner, repo, Number(issue));
      if (req.method !== 'POST') return message(404, 'Not Found');
      if (flags.forbidden) return message(403, 'Resource not accessible by integration');
      const body = validBody(req);
      if (typeof body !== 'string') return body;
      const comment = userLogin ? add(owner, repo, Number(issue), body, userLogin, 'User') : add(owner, repo, Number(issue), body, botLogin, 'Bot');
      return { status: 201, json: toJson(comment) };
    }

    const single = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    const comment = single ? comments.find((c) => c.owner === single[1] && c.repo === single[2] && c.id === Number(single[3])) : undefined;
    if (!single || !comment) return message(404, 'Not Found');
    if (write && flags.forbidden) return message(403, 'Resource not accessible by integration');
    if (req.method === 'GET') return { status: 200, json: toJson(comment) };
    if (req.method === 'PATCH') {
      const body = validBody(req);
      if (typeof body !== 'string') return body;
      comment.body = body;
      comment.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { status: 200, json: toJson(comment) };
    }
    if (req.method === 'DELETE') {
      comments.splice(comments.indexOf(comment), 1);
      return { status: 204 };
    }
    return message(404, 'Not Found');
  };

  const withHeaders = async (req: HarnessRequest): Promise<RouteResult> => {
    const result = await handler(req);
    const headers = { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': `FAKE:${nextId}`, ...(result.headers ?? {}) };
    return { ...result, headers };
  };

  const harness = await startHarness({ port: options.port, handler: withHeaders, faults, now: () => Date.now() });
  base = options.enterprise ? `${harness.url}/api/v3` : harness.url;

  return {
    url: base,
    comments,
    requests: harness.requests,
    faults,
    get forbidden() {
      return flags.forbidden;
    },
    set forbidden(value: boolean) {
      flags.forbidden = value;
    },
    get graphqlDown() {
      return flags.graphqlDown;
    },
    set graphqlDown(value: boolean) {
      flags.graphqlDown = value;
    },
    seedComment: (spec) => add(spec.owner ?? 'octo-org', spec.repo ?? 'octo-repo', spec.issue, spec.body, spec.login ?? 'octocat', spec.type ?? 'User'),
    commentsOn: (issue, owner = 'octo-org', repo = 'octo-repo') => comments.filter((c) => c.issue === issue && c.owner === owner && c.repo === repo),
    close: () => harness.close(),
  };
}
