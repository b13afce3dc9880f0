import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SwitchableProxy {
  /** e.g. http://127.0.0.1:54321: the same address whether it is up or down. */
  origin: string;
  /** Stops listening and cuts every connection: clients get "connection refused". */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of `target` that a test can take down and bring back: a server
 * that disappears for real (connections refused, open ones cut), while the server behind it (and
 * the job it runs) carries on.
 */
export async function startSwitchableProxy(target: URL): Promise<SwitchableProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  const down = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return { origin: `http://127.0.0.1:${port}`, down, up: listen, close: down };
}
