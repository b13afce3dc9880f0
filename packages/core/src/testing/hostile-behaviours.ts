import type { OutgoingHttpHeaders } from 'node:http';
import type { HostileBehaviour, HostileExchange } from './hostile-server.js';

export interface EndlessOptions {
  status?: number;
  headers?: OutgoingHttpHeaders;
  /** Sent once, first, e.g. `{"data":[{"b64_json":"`. */
  prefix?: string;
  /** Repeated until the client goes away; default 64 KiB of `A`. */
  unit?: string | Uint8Array;
  /** Stops (ending the body) after this many bytes, a safety net for the test. Default 2 GiB. */
  stopAfterBytes?: number;
}

const jsonType = { 'content-type': 'application/json' };

/** Writes `unit` again and again, respecting backpressure, until the client leaves. */
async function writeForever(exchange: HostileExchange, options: EndlessOptions): Promise<void> {
  const { response } = exchange;
  const unit = Buffer.from(options.unit ?? 'A'.repeat(64 * 1024));
  const stopAfter = options.stopAfterBytes ?? 2 * 1024 ** 3;
  let sent = 0;
  if (options.prefix) sent += Buffer.byteLength(options.prefix);
  if (options.prefix) response.write(options.prefix);
  while (!exchange.gone && sent < stopAfter) {
    sent += unit.byteLength;
    if (!response.write(unit)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  if (!exchange.gone) response.end();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Ready-made misbehaviour for `HostileServer.route()`. Each returns a behaviour; give a route
 * several to script a sequence, e.g. `route('POST', '/edit', hostile.drop(), hostile.json(200, ok))`.
 */
export const hostile = {
  /** A JSON answer (a string body is sent as is, so it may be malformed on purpose). */
  json(status: number, body: unknown, headers: OutgoingHttpHeaders = {}): HostileBehaviour {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return ({ response }) => {
      response.writeHead(status, { ...jsonType, ...headers });
      response.end(text);
    };
  },

  /** Any body with any headers. */
  send(
    status: number,
    body: string | Uint8Array,
    headers: OutgoingHttpHeaders = {},
  ): HostileBehaviour {
    return ({ response }) => {
      response.writeHead(status, headers);
      response.end(body);
    };
  },

  /** Closes the connection without a word. */
  drop(): HostileBehaviour {
    return ({ request }) => {
      request.socket.destroy();
    };
  },

  /** Sends headers (declaring the full length) and part of the body, then closes the connection. */
  dropMidBody(
    status: number,
    body: string,
    keepBytes: number,
    headers: OutgoingHttpHeaders = {},
  ): HostileBehaviour {
    return async ({ response, request }) => {
      response.writeHead(status, {
        ...jsonType,
        ...headers,
        'content-length': Buffer.byteLength(body),
      });
      response.write(Buffer.from(body).subarray(0, keepBytes));
      await sleep(20);
      request.socket.destroy();
    };
  },

  /** Never answers; the client has to time out or give up. */
  hang(): HostileBehaviour {
    return () => {};
  },

  /** Sends headers and the start of a body, then nothing more, ever. */
  stall(status: number, start: string, headers: OutgoingHttpHeaders = {}): HostileBehaviour {
    return ({ response }) => {
      response.writeHead(status, { ...jsonType, ...headers });
      response.write(start);
    };
  },

  /** A complete body, sent `chunkBytes` at a time every `intervalMs`. */
  drip(
    status: number,
    body: string | Uint8Array,
    options: { chunkBytes?: number; intervalMs?: number; headers?: OutgoingHttpHeaders } = {},
  ): HostileBehaviour {
    return async (exchange) => {
      const bytes = Buffer.from(body);
      const step = options.chunkBytes ?? 16;
      exchange.response.writeHead(status, { ...jsonType, ...options.headers });
      for (let at = 0; at < bytes.byteLength && !exchange.gone; at += step) {
        exchange.response.write(bytes.subarray(at, at + step));
        await sleep(options.intervalMs ?? 10);
      }
      if (!exchange.gone) exchange.response.end();
    };
  },

  /** A body that never ends (chunked, no length), e.g. one JSON string that goes on and on. */
  endless(options: EndlessOptions = {}): HostileBehaviour {
    return async (exchange) => {
      exchange.response.writeHead(options.status ?? 200, { ...jsonType, ...options.headers });
      await writeForever(exchange, options);
    };
  },

  /** Announces `bytes` in Content-Length, then sends filler for as long as the client listens. */
  declaredLength(bytes: number, options: EndlessOptions = {}): HostileBehaviour {
    return async (exchange) => {
      exchange.response.writeHead(options.status ?? 200, {
        ...jsonType,
        ...options.headers,
        'content-length': bytes,
      });
      await writeForever(exchange, { ...options, stopAfterBytes: bytes });
    };
  },

  /** A redirect to `location` (resolved against the server when relative). */
  redirect(status: number, location: string): HostileBehaviour {
    return ({ response }) => {
      response.writeHead(status, { location });
      response.end();
    };
  },

  /** Raw bytes on the socket instead of an HTTP response, e.g. `'HTTP/1.1 200 OK\r\nbroken'`. */
  raw(bytes: string | Uint8Array): HostileBehaviour {
    return ({ request }) => {
      request.socket.end(bytes);
    };
  },

  /** A text/event-stream of `frames` (each a whole `data: …\n\n` block or any text), then the end. */
  events(
    frames: readonly string[],
    options: { intervalMs?: number; end?: boolean } = {},
  ): HostileBehaviour {
    return async (exchange) => {
      exchange.response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
      });
      for (const frame of frames) {
        if (exchange.gone) return;
        exchange.response.write(frame);
        if (options.intervalMs) await sleep(options.intervalMs);
      }
      if (options.end !== false && !exchange.gone) exchange.response.end();
    };
  },

  /** An event stream whose first data line never ends. */
  endlessEvent(prefix = 'data: {"type":"image_edit.partial_image","b64_json":"'): HostileBehaviour {
    return async (exchange) => {
      exchange.response.writeHead(200, { 'content-type': 'text/event-stream' });
      await writeForever(exchange, { prefix });
    };
  },

  /** Waits `ms`, then behaves as `then`. */
  delay(ms: number, then: HostileBehaviour): HostileBehaviour {
    return async (exchange) => {
      await sleep(ms);
      if (!exchange.gone) await then(exchange);
    };
  },
} as const;
