/**
 * The bundled action on the networks self-hosted runners sit on: behind a
 * forward proxy (HTTP_PROXY / HTTPS_PROXY from the runner's environment) and
 * talking to an https API whose certificate comes from a private CA.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ConnectProxy } from '../emulator/connect-proxy.js';
import { GIT_PROJECT_ID, PASSING_SCENARIO } from '../emulator/testing-studio-emulator.js';
import { REPO_ROOT, runStep } from '../helpers/action-runner.js';
import { createWorld, everythingWritten, type E2eWorld } from '../helpers/e2e-setup.js';

let world: E2eWorld | undefined;
let proxy: ConnectProxy | undefined;
let sideServer: Server | undefined;
afterEach(async () => {
  await proxy?.stop();
  await new Promise((resolve) => (sideServer ? sideServer.close(resolve) : resolve(undefined)));
  sideServer = undefined;
  await world?.close();
  proxy = undefined;
  world = undefined;
});

async function startProxy(credentials?: string): Promise<ConnectProxy> {
  proxy = await ConnectProxy.start(credentials === undefined ? {} : { credentials });
  return proxy;
}

/** A plain-http server on 127.0.0.1 that answers every request with `answer`; returns its origin. */
async function startSideServer(answer: RequestListener): Promise<string> {
  const server = (sideServer = createServer(answer));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Answers every request with a 301 to the same path on `target`, as a load balancer sends http:// to https://. */
const redirectTo =
  (target: string): RequestListener =>
  (req, res) =>
    res.writeHead(301, { location: `${target}${req.url ?? '/'}` }).end();

/** A self-signed certificate for 127.0.0.1, standing in for a company's private CA (see the fixture's `about`). */
async function privateCa(): Promise<{ key: string; cert: string }> {
  const text = await readFile(path.join(REPO_ROOT, '__tests__', 'fixtures', 'tls-127.0.0.1.json'), 'utf8');
  const { key, cert } = JSON.parse(text) as { key: string; cert: string };
  return { key, cert };
}

describe('the bundled action on a self-hosted runner network', () => {
  it('reaches the API through the proxy the runner exports, masking the proxy password', async () => {
    const w = (world = await createWorld());
    const password = 'pr0xy-Pa55word';
    const p = await startProxy(`ci:${password}`);
    w.emulator.script(PASSING_SCENARIO);
    const result = await runStep(w.ws, w.env({ 'project-id': GIT_PROJECT_ID }, { http_proxy: p.url(`ci:${password}`), NO_PROXY: '' }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Proxy from the environment: http:// through ${p.url()}.`);
    expect(result.stdout).toContain(`::add-mask::${password}`);
    const apiHost = new URL(w.emulator.url).host;
    expect(p.tunnels.filter((t) => t.target === apiHost && t.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(w.emulator.runs.size).toBe(1);
    expect(await everythingWritten(w, result)).not.toContain(password);
  });

  it('fails before any run is created when the proxy rejects its credentials', async () => {
    const w = (world = await createWorld());
    const p = await startProxy('ci:right');
    const result = await runStep(w.ws, w.env({ 'project-id': GIT_PROJECT_ID }, { HTTP_PROXY: p.url('ci:wrong') }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::The proxy in HTTP_PROXY refused to connect to 127\.0\.0\.1:\d+ \(HTTP 407\)/);
    expect(w.emulator.runs.size).toBe(0);
  });

  it('runs against an https API through HTTPS_PROXY, trusting a private CA given in NODE_EXTRA_CA_CERTS', async () => {
    const ca = await privateCa();
    const w = (world = await createWorld({ emulator: { tls: ca } }));
    const caFile = path.join(w.ws.root, 'company-ca.pem');
    await writeFile(caFile, ca.cert);
    const p = await startProxy();
    w.emulator.script(PASSING_SCENARIO);
    const result = await runStep(w.ws, w.env({ 'project-id': GIT_PROJECT_ID }, { HTTPS_PROXY: p.url(), NODE_EXTRA_CA_CERTS: caFile }));
    expect(w.emulator.url).toMatch(/^https:/);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('SUCCESS');
    expect(p.tunnels.filter((t) => t.target === new URL(w.emulator.url).host).length).toBeGreaterThanOrEqual(1);
  });

  it('says an api-url redirected to another origin is why the API refused the token, not the token itself', async () => {
    const ca = await privateCa();
    const w = (world = await createWorld({ emulator: { tls: ca } }));
    const caFile = path.join(w.ws.root, 'company-ca.pem');
    await writeFile(caFile, ca.cert);
    const httpUrl = await startSideServer(redirectTo(w.emulator.url));
    w.emulator.script(PASSING_SCENARIO);
    const result = await runStep(w.ws, w.env({ 'project-id': GIT_PROJECT_ID, 'api-url': httpUrl }, { NODE_EXTRA_CA_CERTS: caFile }));
    expect(result.exitCode).toBe(1);
    // The token was right: it is only ever sent to api-url's origin, and the server redirected elsewhere.
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`failed with HTTP 401`);
    expect(errors[0]).toContain(`api-url ${httpUrl} redirected to ${w.emulator.url}, and the token is only sent to api-url's origin`);
    expect(errors[0]).not.toContain('check api-token');
    expect(w.emulator.runs.size).toBe(0);
  });

  it("says api-url is not the API's when it answers with a web page, as the web app's address does", async () => {
    const w = (world = await createWorld());
    const webApp = await startSideServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><div id="root"></div>'));
    const result = await runStep(w.ws, w.env({ 'project-id': GIT_PROJECT_ID, 'api-url': webApp }));
    expect(result.exitCode).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`::error::Unexpected response from ${webApp}/api/projects/${GIT_PROJECT_ID}: body is not JSON (text/html`);
    expect(errors[0]).toMatch(/\(an HTML page, not the API's JSON: check that api-url is the API's base URL, not the web app's\)$/);
  });

  it('fails at once on an untrusted certificate, with a hint about NODE_EXTRA_CA_CERTS', async () => {
    const w = (world = await createWorld({ emulator: { tls: await privateCa() } }));
    const result = await runStep(w.ws, w.env({ 'project-id': GIT_PROJECT_ID }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::GET https:\/\/127\.0\.0\.1:\d+\/\S+ failed: \w*CERT\w*.*NODE_EXTRA_CA_CERTS/);
    // Certificate problems are not retried: one attempt, no backoff lines.
    expect(result.stdout).not.toMatch(/retrying in/);
    expect(w.emulator.requests).toHaveLength(0);
  });
});
