import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FakeClock } from '../../src/core/clock.js';
import type { CallContext } from '../../src/core/provider.js';
import { createApiClient, type ApiClientOptions, type ClosableApiClient } from '../../src/http/http-client.js';
import { ScriptedServer } from './scripted-server.js';

/** The API token every client under test sends. */
export const TOKEN = 'secret-token-abc123';
/** A run as the scripted servers answer it. */
export const runSchema = z.object({ id: z.string(), status: z.string() });

/**
 * What an HTTP client test works on. The two servers, `makeClient` and `ctx`
 * stay the same for the whole file; `clock`, `client` and `logLines` are made
 * afresh before each test, so read them from the scene.
 */
export class HttpClientScene {
  /** The server the clients' base URL points at. */
  readonly main = new ScriptedServer();
  /** Another origin, for cross-origin redirects. */
  readonly other = new ScriptedServer();
  clock = new FakeClock(1_700_000_000_000);
  /** A client on `main`, made before and closed after each test. */
  client!: ClosableApiClient;
  /** What the clients logged in this test. */
  logLines: string[] = [];
  /** A temp folder for the file's uploads and downloads. */
  workDir = '';

  /** A client on `baseUrl` with this test's clock and log, plus `extra`. */
  readonly makeClient = (baseUrl: string = this.main.origin, extra: Partial<ApiClientOptions> = {}): ClosableApiClient =>
    createApiClient({
      baseUrl: new URL(baseUrl),
      token: TOKEN,
      userAgent: 'http-client-test',
      clock: this.clock,
      random: () => 0.5,
      log: (line) => this.logLines.push(line),
      ...extra,
    });

  /** A call context whose deadline is `deadlineFromNow` ms after the clock's now. */
  readonly ctx = (deadlineFromNow = 10 * 60_000, signal = new AbortController().signal): CallContext => ({
    signal,
    deadline: this.clock.now() + deadlineFromNow,
  });
}

/**
 * A scene for the calling test file: registers the hooks that start its
 * servers and temp folder for the file and make the clock, client and log
 * afresh for each test.
 */
export function httpClientScene(): HttpClientScene {
  const scene = new HttpClientScene();

  beforeAll(async () => {
    await Promise.all([scene.main.start(), scene.other.start()]);
    scene.workDir = await mkdtemp(join(tmpdir(), 'http-client-test-'));
  });

  afterAll(async () => {
    await Promise.all([scene.main.stop(), scene.other.stop()]);
    await rm(scene.workDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    scene.clock = new FakeClock(1_700_000_000_000);
    scene.logLines = [];
    scene.client = scene.makeClient();
  });

  afterEach(async () => {
    scene.main.reset();
    scene.other.reset();
    await scene.client.close();
  });
  return scene;
}

/** Runs a promise expected to reject and returns the rejection. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}
