import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it. Bodies are counted, not kept: uploads can be large. */
export interface HostileRequest {
  method: string;
  /** Path and query, e.g. `/v1/images/edits?api-version=1`. */
  path: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

/**
 * What the server does with one request. It may answer, stall, drip, stream forever (stopping
 * once the client goes away) or break the connection; see `hostile` for ready-made ones.
 */
export type HostileBehaviour = (exchange: HostileExchange) => void | Promise<void>;

export interface HostileExchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** The request body; read only when a behaviour asks for it. */
  body(): Promise<Buffer>;
  /** e.g. http://127.0.0.1:54321, for answers that point back at the server. */
  origin: string;
  /** True once the client has closed the connection: endless behaviours stop then. */
  readonly gone: boolean;
}

export interface HostileServer {
  /** e.g. http://127.0.0.1:54321 */
  origin: string;
  url(path: string): string;
  /** Every request so far, in order. */
  readonly requests: HostileRequest[];
  /**
   * Scripts a route: the first request gets the first behaviour, the second the second, and the
   * last one repeats. `path` is matched without the query; `*` matches one path segment. A route
   * added later wins over an earlier one that also matches.
   */
  route(method: string, path: string, ...behaviours: HostileBehaviour[]): void;
  /** Forgets the routes and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  behaviours: HostileBehaviour[];
  served: number;
}

/**
 * A small programmable HTTP server on loopback that misbehaves on purpose: for fault tests of a
 * provider plugin, a CLI or an app. Unlike an emulator it knows no protocol; each test scripts the
 * answers it needs. Unrouted requests get a 404 JSON error.
 */
export async function startHostileServer(): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const requests: HostileRequest[] = [];
  let routes: Route[] = [];

  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    const record: HostileRequest = {
      method: request.method ?? 'GET',
      path,
      headers: request.headers,
      bodyBytes: 0,
    };
    requests.push(record);
    const pathname = path.split('?')[0] ?? '/';
    const route = routes.find(
      (candidate) => candidate.method === record.method && candidate.pattern.test(pathname),
    );
    let bodyRead: Promise<Buffer> | undefined;
    const body = (): Promise<Buffer> => {
      bodyRead ??= (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) {
          record.bodyBytes += (chunk as Buffer).byteLength;
          chunks.push(chunk as Buffer);
        }
        return Buffer.concat(chunks);
      })();
      return bodyRead;
    };
    let gone = false;
    response.on('close', () => {
      gone = true;
    });
    const exchange: HostileExchange = {
      request,
      response,
      body,
      origin,
      get gone() {
        return gone;
      },
    };
    const behaviour = route
      ? route.behaviours[Math.min(route.served++, route.behaviours.length - 1)]!
      : notFound;
    // Read the upload first, as real servers do, so a client never sees a reset mid-send.
    void body()
      .then(() => behaviour(exchange))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.destroy();
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => new URL(path, origin).href,
    requests,
    route(method, path, ...behaviours) {
      if (behaviours.length === 0) throw new TypeError('route() needs at least one behaviour');
      const pattern = new RegExp(
        `^${path
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}$`,
      );
      routes = [
        { method: method.toUpperCase(), pattern, behaviours, served: 0 },
        ...routes.filter(
          (route) =>
            route.method !== method.toUpperCase() || route.pattern.source !== pattern.source,
        ),
      ];
    },
    reset() {
      routes = [];
      requests.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const notFound: HostileBehaviour = ({ response }) => {
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end('{"error":{"message":"no route scripted for this request"}}');
};
