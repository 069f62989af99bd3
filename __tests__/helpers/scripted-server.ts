import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server saw of one request. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One scripted answer; runs after the request body has been read. */
export type Step = (req: IncomingMessage, res: ServerResponse) => void;

/** A node:http server on 127.0.0.1 answering from a queue of scripted steps. */
export class ScriptedServer {
  readonly seen: Seen[] = [];
  private readonly steps: Step[] = [];
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private onRequest: (() => void) | undefined;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(...steps: Step[]): void {
    this.steps.push(...steps);
  }

  /** Resolves when the next request has arrived (after its body was read). */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => (this.onRequest = resolve));
  }

  reset(): void {
    this.steps.length = 0;
    this.seen.length = 0;
    this.onRequest = undefined;
    this.server.closeAllConnections();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
    this.onRequest?.();
    // An unscripted request gets a non-retryable answer, so a wrong test fails fast instead of looping.
    const step = this.steps.shift() ?? json(418, { detail: 'unscripted request' });
    step(req, res);
  }
}

/** An answer with `body` as JSON. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
}

/** A redirect to `location`. */
export const redirect = (status: number, location: string): Step => (_req, res) => {
  res.writeHead(status, { location });
  res.end();
};
