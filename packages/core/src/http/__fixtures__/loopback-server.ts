import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:54321 */
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * A real node:http server on 127.0.0.1 for tests: the client under test speaks real HTTP to it.
 * Every socket is tracked so `close()` ends hung and tunnelled connections too.
 */
export async function startLoopbackServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  configure?: (server: ReturnType<typeof createServer>, sockets: Set<Socket>) => void,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  configure?.(server, sockets);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
