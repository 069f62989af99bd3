/**
 * A forward proxy for tests, on 127.0.0.1: it answers `CONNECT host:port`
 * by opening a tunnel to that address, as corporate proxies do for the
 * runners behind them. It records every CONNECT (target and headers) and can
 * demand Basic credentials (407) or refuse tunnels with a status of choice.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One CONNECT the proxy received. */
export interface Tunnel {
  /** `host:port` asked for. */
  target: string;
  /** The CONNECT request's headers: all the proxy ever sees in clear text. */
  headers: IncomingHttpHeaders;
  /** The status it answered. */
  status: number;
}

export interface ConnectProxyOptions {
  /** `user:password` the proxy demands in Proxy-Authorization: Basic; any request passes when omitted. */
  credentials?: string;
  /** Answer every CONNECT with this status instead of opening the tunnel (e.g. 403, 502). */
  refuseWith?: number;
}

export class ConnectProxy {
  readonly tunnels: Tunnel[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(private readonly options: ConnectProxyOptions) {
    this.server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
    this.server.on('connect', (req, client: Socket, head: Buffer) => this.tunnel(req.url ?? '', req.headers, client, head));
  }

  /** A proxy listening on a free port of 127.0.0.1. */
  static async start(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
    const proxy = new ConnectProxy(options);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The proxy's URL, with `userinfo@` when given, e.g. `http://u:p@127.0.0.1:1234`. */
  url(userinfo?: string): string {
    return `http://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tunnel(target: string, headers: IncomingHttpHeaders, client: Socket, head: Buffer): void {
    this.track(client);
    const status = this.decide(headers);
    this.tunnels.push({ target, headers, status });
    if (status !== 200) {
      const reason = status === 407 ? 'Proxy Authentication Required' : 'Refused';
      client.end(`HTTP/1.1 ${status} ${reason}\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = splitTarget(target);
    const upstream = this.track(connect(port, host));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  private decide(headers: IncomingHttpHeaders): number {
    if (this.options.refuseWith !== undefined) return this.options.refuseWith;
    if (this.options.credentials === undefined) return 200;
    const expected = `Basic ${Buffer.from(this.options.credentials).toString('base64')}`;
    return headers['proxy-authorization'] === expected ? 200 : 407;
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }
}

function splitTarget(target: string): [string, number] {
  const colon = target.lastIndexOf(':');
  return [target.slice(0, colon).replace(/^\[|\]$/g, ''), Number(target.slice(colon + 1))];
}
