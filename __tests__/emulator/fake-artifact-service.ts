/**
 * A fake of what `@actions/artifact` 6 talks to when a step uploads a
 * workflow artifact: the Actions results service (Twirp JSON at
 * `ACTIONS_RESULTS_URL`: CreateArtifact, FinalizeArtifact) and the Azure blob
 * URL it hands out (Put Block, Put Block List, or one Put Blob). The runtime
 * token is a JWT whose `scp` claim names the run and job; {@link runtimeToken}
 * makes one.
 *
 * It keeps what a test needs to check the upload: the artifacts created, the
 * bytes committed to each blob (their size always; the bytes and their SHA-256
 * unless `keepBytes` is false), and what Finalize reported.
 */
import { createHash } from 'node:crypto';
import { FaultInjector } from './ts-faults.js';
import { startHarness, type HarnessRequest, type RequestRecord, type RouteResult } from './ts-server.js';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService';

/** The run and job ids the fake's runtime tokens carry. */
export const RUN_BACKEND_ID = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
export const JOB_BACKEND_ID = 'ca395085-040a-526b-2ce8-bdc85f692774';

/** One artifact, from CreateArtifact to FinalizeArtifact. */
export interface FakeArtifact {
  id: number;
  name: string;
  /** Blocks staged for the blob and not yet committed, by block id (empty buffers, of the right size, without `keepBytes`). */
  blocks: Map<string, { size: number; bytes: Buffer }>;
  /** The committed blob: set by Put Block List or Put Blob. */
  blob?: { size: number; sha256: string; bytes?: Buffer; contentType?: string };
  /** What FinalizeArtifact said. */
  finalized?: { size: string; hash?: string };
}

/** A running fake. */
export interface FakeArtifactService {
  /** Use as ACTIONS_RESULTS_URL. */
  readonly url: string;
  readonly artifacts: readonly FakeArtifact[];
  readonly requests: readonly RequestRecord[];
  readonly faults: FaultInjector;
  /** What a runner gives a step to upload here: a runtime token, this service's URL, and github.com (@actions/artifact refuses GHES). */
  runnerEnv(): Record<string, string>;
  close(): Promise<void>;
}

/** Construction options. */
export interface FakeArtifactServiceOptions {
  /**
   * Keep the uploaded bytes (default true): the committed blob's bytes and
   * SHA-256 are then known. False keeps sizes only, for uploads of hundreds
   * of MB (the bench), and leaves `sha256` empty.
   */
  keepBytes?: boolean;
}

/** An unsigned JWT with the `scp` claim @actions/artifact reads the backend ids from. */
export function runtimeToken(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { scp: `Actions.GenericRead:00000000 Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}`, exp: 4_102_444_800 };
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

function twirpError(status: number, code: string, msg: string): RouteResult {
  return { status, json: { code, msg } };
}

function jsonBody(req: HarnessRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Azure's answer to a successful write: 201 with the headers its SDK reads. */
function created(extra: Record<string, string> = {}): RouteResult {
  return {
    status: 201,
    headers: { 'x-ms-request-id': 'fake', 'x-ms-version': '2025-05-05', date: new Date().toUTCString(), ...extra },
  };
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeArtifactService(options: FakeArtifactServiceOptions = {}): Promise<FakeArtifactService> {
  const keepBytes = options.keepBytes ?? true;
  const artifacts: FakeArtifact[] = [];
  const faults = new FaultInjector();
  let base = '';

  const byName = (name: unknown): FakeArtifact | undefined => artifacts.find((a) => a.name === name);

  const twirp = (req: HarnessRequest, method: string): RouteResult => {
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return twirpError(401, 'unauthenticated', 'missing runtime token');
    const body = jsonBody(req);
    if (body['workflow_run_backend_id'] !== RUN_BACKEND_ID || body['workflow_job_run_backend_id'] !== JOB_BACKEND_ID) {
      return twirpError(400, 'invalid_argument', 'unknown workflow run or job');
    }
    if (method === 'CreateArtifact') {
      if (typeof body['name'] !== 'string' || body['name'] === '') return twirpError(400, 'invalid_argument', 'name is required');
      if (byName(body['name'])) return twirpError(409, 'already_exists', 'an artifact with this name already exists on the workflow run');
      const artifact: FakeArtifact = { id: 4000 + artifacts.length, name: body['name'], blocks: new Map() };
      artifacts.push(artifact);
      return { status: 200, json: { ok: true, signed_upload_url: `${base}/blob/${artifact.id}?sig=fake-signature&sv=2025-05-05` } };
    }
    if (method === 'FinalizeArtifact') {
      const artifact = byName(body['name']);
      if (!artifact?.blob) return twirpError(404, 'not_found', 'no uploaded artifact with this name');
      const hash = typeof body['hash'] === 'string' ? body['hash'] : undefined;
      artifact.finalized = { size: String(body['size']), ...(hash === undefined ? {} : { hash }) };
      return { status: 200, json: { ok: true, artifact_id: String(artifact.id) } };
    }
    return twirpError(404, 'bad_route', `no handler for ${method}`);
  };

  const commit = (artifact: FakeArtifact, parts: Buffer[], size: number, contentType: string | undefined): void => {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    const content = keepBytes ? { sha256: hash.digest('hex'), bytes: Buffer.concat(parts) } : { sha256: '' };
    artifact.blob = { size, ...content, ...(contentType ? { contentType } : {}) };
  };

  const blob = (req: HarnessRequest, id: number): RouteResult => {
    const artifact = artifacts.find((a) => a.id === id);
    if (!artifact || req.query.get('sig') !== 'fake-signature') return { status: 403, text: 'AuthenticationFailed' };
    if (req.method !== 'PUT') return { status: 405, text: 'UnsupportedHttpVerb' };
    const comp = req.query.get('comp');
    const contentType = typeof req.headers['x-ms-blob-content-type'] === 'string' ? req.headers['x-ms-blob-content-type'] : undefined;
    if (comp === 'block') {
      const blockId = req.query.get('blockid');
      if (!blockId) return { status: 400, text: 'InvalidQueryParameterValue' };
      artifact.blocks.set(blockId, { size: req.body.length, bytes: keepBytes ? req.body : Buffer.alloc(0) });
      return created();
    }
    if (comp === 'blocklist') {
      const ids = [...req.body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1] ?? '');
      const parts: Buffer[] = [];
      let size = 0;
      for (const blockId of ids) {
        const block = artifact.blocks.get(blockId);
        if (!block) return { status: 400, text: 'InvalidBlockList' };
        parts.push(block.bytes);
        size += block.size;
      }
      commit(artifact, parts, size, contentType);
      // Staged blocks are gone once committed, as in Azure; only the blob's figures stay.
      artifact.blocks.clear();
      return created({ etag: '"0x8DC0FAKE"', 'last-modified': new Date().toUTCString() });
    }
    if (comp === null && req.headers['x-ms-blob-type'] === 'BlockBlob') {
      commit(artifact, keepBytes ? [req.body] : [], req.body.length, contentType);
      return created({ etag: '"0x8DC0FAKE"', 'last-modified': new Date().toUTCString() });
    }
    return { status: 400, text: 'InvalidQueryParameterValue' };
  };

  const handler = async (req: HarnessRequest): Promise<RouteResult> => {
    const service = new RegExp(`^${SERVICE}/(\\w+)$`).exec(req.path);
    if (service && req.method === 'POST') return twirp(req, service[1] ?? '');
    const blobPath = /^\/blob\/(\d+)$/.exec(req.path);
    if (blobPath) return blob(req, Number(blobPath[1]));
    return { status: 404, text: 'not found' };
  };

  const harness = await startHarness({ handler, faults, now: () => Date.now() });
  base = harness.url;
  return {
    url: harness.url,
    artifacts,
    requests: harness.requests,
    faults,
    runnerEnv: () => ({ ACTIONS_RUNTIME_TOKEN: runtimeToken(), ACTIONS_RESULTS_URL: harness.url, GITHUB_SERVER_URL: 'https://github.com' }),
    close: () => harness.close(),
  };
}
