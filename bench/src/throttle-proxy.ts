import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface ThrottleProxy {
  /** `http://127.0.0.1:PORT`: use it as the emulator's origin. */
  url: string;
  /** Bytes clients sent through the proxy (request lines, headers and bodies) since the last reset. */
  bytesUp(): number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the emulator that lets clients upload at most `bitsPerSecond` (a home
 * or office uplink: 20 Mbit/s), across all connections together, and counts what they send.
 * Answers come back unthrottled. It holds each chunk until the link would have carried it and
 * pauses the client meanwhile, so TCP backpressure reaches the client as on a slow line.
 */
export async function startThrottleProxy(
  target: string,
  bitsPerSecond: number,
): Promise<ThrottleProxy> {
  const upstream = new URL(target);
  const bytesPerMs = bitsPerSecond / 8 / 1000;
  let linkFreeAt = 0;
  let sent = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const server = createConnection({ host: upstream.hostname, port: Number(upstream.port) });
    sockets.add(client);
    sockets.add(server);
    let pending = 0;
    let ended = false;
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      const now = performance.now();
      linkFreeAt = Math.max(linkFreeAt, now) + chunk.length / bytesPerMs;
      pending += 1;
      client.pause();
      setTimeout(
        () => {
          server.write(chunk);
          pending -= 1;
          if (ended && pending === 0) server.end();
          client.resume();
        },
        Math.max(0, linkFreeAt - now),
      );
    });
    server.pipe(client);
    const close = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('close', close);
    server.on('close', close);
    client.on('error', close);
    server.on('error', close);
    client.on('end', () => {
      ended = true;
      if (pending === 0) server.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesUp: () => sent,
    reset: () => {
      sent = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
