// Answers whose status arrived but whose body the connection lost: the status decides, never the lost bytes.
import { describe, expect, it } from '@jest/globals';
import { AmbiguousRunError, HttpError, NetworkError } from '../../src/core/errors.js';
import { createRunOnce } from '../../src/providers/testing-studio/run-creator.js';
import { failure, httpClientScene, runSchema } from '../helpers/http-client-scene.js';
import { json, type Step } from '../helpers/scripted-server.js';

const scene = httpClientScene();
const { main, ctx } = scene;
const PROJECT = 'c2a9ec59-0c38-4372-bff5-83cd7f9c721f';
const run = (runId: string) => ({ runId, status: 'PENDING', group: null, utterance: null, description: null });
const listing = (runs: unknown[]): Step => json(200, { data: runs });

/** Sends the status and the first bytes of `body`, then drops the connection. */
function cut(status: number, body: unknown): Step {
  return (req, res) => {
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, 10), () => req.socket.destroy());
  };
}

describe('an error answer whose explanation is cut off', () => {
  it('fails at once with its status, not as a network error retried six times', async () => {
    main.script(...Array.from({ length: 6 }, () => cut(401, { detail: 'Invalid token, please sign in again' })));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, detail: 'the explanation in the answer could not be read' });
    expect(main.seen).toHaveLength(1);
    expect(scene.clock.sleeps).toEqual([]);
  });

  it('is still retried when its status is one that is retried', async () => {
    main.script(cut(503, { detail: 'Service Unavailable' }), json(200, { id: 'r1', status: 'SUCCESS' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'SUCCESS' });
    expect(main.seen).toHaveLength(2);
  });
});

describe('a 2xx answer whose body is cut off', () => {
  it('is retried for a GET, and the error says the answer was being read', async () => {
    main.script(cut(200, { id: 'r1', status: 'SUCCESS' }), json(200, { id: 'r1', status: 'SUCCESS' }));
    await expect(scene.client.getJson('/api/runs/r1', runSchema, ctx())).resolves.toEqual({ id: 'r1', status: 'SUCCESS' });
    expect(main.seen).toHaveLength(2);

    main.script(...Array.from({ length: 6 }, () => cut(200, { id: 'r1', status: 'SUCCESS' })));
    const error = await failure(scene.client.getJson('/api/runs/r1', runSchema, ctx()));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ answeredStatus: 200 });
    expect((error as Error).message).toMatch(/failed while reading its HTTP 200 answer: /);
  });

  it('means Create Run started a run: it is adopted from the listing and never posted again', async () => {
    main.script(listing([]), cut(200, { data: [run('ours')] }), listing([run('ours')]));
    const created = await createRunOnce(scene.client, PROJECT, {}, ctx(), () => undefined, { clock: scene.clock, random: () => 0.5 });
    expect(created.runId).toBe('ours');
    expect(main.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('when the listing does not show that run yet, fails saying a run was probably started, with no second POST', async () => {
    main.script(listing([]), cut(200, { data: [run('ours')] }), listing([]), json(200, { data: [run('second')] }));
    const error = await failure(createRunOnce(scene.client, PROJECT, {}, ctx(), () => undefined, { clock: scene.clock, random: () => 0.5 }));
    expect(error).toBeInstanceOf(AmbiguousRunError);
    expect((error as Error).message).toMatch(/^Create Run succeeded but its answer could not be read .*a run was probably created and could not be identified/);
    expect(main.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });
});
