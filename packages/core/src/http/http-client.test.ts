import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImageFile } from '../contract/image-file.js';
import type { RequestLogEntry } from '../contract/plugin.js';
import { RetouchError } from '../errors/retouch-error.js';
import {
  type LoopbackServer,
  readRequestBody,
  startLoopbackServer,
} from './__fixtures__/loopback-server.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { createMultipartBody } from './multipart-body.js';

const secret = 'sk-test-0123456789abcdef';

let server: LoopbackServer;
let uploads: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
const clients: HttpClient[] = [];

function client(options: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  const created = createHttpClient({ provider: 'acme', ...options });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    switch (path) {
      case '/json':
        response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_123' });
        response.end(
          JSON.stringify({ hello: 'world', auth: request.headers.authorization ?? null }),
        );
        return;
      case '/not-found':
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"error":{"message":"no such model"}}');
        return;
      case '/html':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(`<html><body>${'gateway login page '.repeat(40)}</body></html>`);
        return;
      case '/upload':
        readRequestBody(request).then((body) => {
          uploads.push({ headers: request.headers, body });
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"ok":true}');
        });
        return;
      case '/drop-mid-body':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"data":[');
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      case '/never-responds':
        return;
      case '/stalls-mid-body':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.write('first bytes');
        return;
      default:
        response.writeHead(500);
        response.end();
    }
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()));
  uploads = [];
  vi.unstubAllEnvs();
});

afterAll(() => server.close());

describe('createHttpClient', () => {
  it('returns status, WHATWG headers, the request id and parsed JSON', async () => {
    const response = await client().request({
      method: 'GET',
      url: server.url('/json'),
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.requestId).toBe('req_123');
    expect(await response.json()).toEqual({ hello: 'world', auth: `Bearer ${secret}` });
  });

  it('returns a non-2xx response instead of throwing', async () => {
    const response = await client().request({ method: 'GET', url: server.url('/not-found') });
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(await response.text()).toContain('no such model');
  });

  it('reports a body that is not JSON as invalid_response, quoting at most 200 characters', async () => {
    const response = await client().request({ method: 'GET', url: server.url('/html') });
    const error = await response.json().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetouchError);
    expect((error as RetouchError).code).toBe('invalid_response');
    expect((error as RetouchError).message).toContain('<html><body>gateway login page');
    expect((error as RetouchError).message.length).toBeLessThan(200 + 250);
  });

  it('refuses to read a body twice', async () => {
    const response = await client().request({ method: 'GET', url: server.url('/json') });
    await response.text();
    await expect(response.bytes()).rejects.toThrow(/already been read/);
  });

  describe('streaming multipart uploads', () => {
    let directory: string;
    let filePath: string;
    let fileBytes: Buffer;

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'retouch-upload-'));
      filePath = join(directory, 'large.png');
      fileBytes = randomBytes(30 * 1024 * 1024);
      await writeFile(filePath, fileBytes);
    });

    afterAll(() => rm(directory, { recursive: true, force: true }));

    it('sends a 30 MB file from disk byte-exact, with content-length and valid framing', async () => {
      const file: ImageFile & { bytesCalls: number } = {
        filename: 'large "photo".png',
        mediaType: 'image/png',
        width: 1,
        height: 1,
        size: fileBytes.length,
        path: filePath,
        bytesCalls: 0,
        stream: () => Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>,
        async bytes() {
          this.bytesCalls += 1;
          return fileBytes;
        },
      };
      const body = createMultipartBody([
        { name: 'prompt', value: 'make it blue' },
        { name: 'image[]', file },
      ]);

      const response = await client().request({ method: 'POST', url: server.url('/upload'), body });

      expect(response.status).toBe(200);
      await response.text();
      const [upload] = uploads;
      expect(upload?.headers['content-length']).toBe(String(body.contentLength));
      expect(upload?.headers['transfer-encoding']).toBeUndefined();
      expect(upload?.body.length).toBe(body.contentLength);
      // The file was streamed, never loaded whole through bytes().
      expect(file.bytesCalls).toBe(0);

      const form = await new Request('http://parser.local/', {
        method: 'POST',
        headers: { 'content-type': String(upload?.headers['content-type']) },
        body: new Uint8Array(upload?.body ?? []),
      }).formData();
      expect(form.get('prompt')).toBe('make it blue');
      const received = form.get('image[]') as File;
      expect(received.type).toBe('image/png');
      expect(received.name).toBe('large "photo".png');
      expect(Buffer.from(await received.arrayBuffer()).equals(fileBytes)).toBe(true);
    });

    it('stays byte-exact when the server reads slowly and the socket keeps filling up', async () => {
      // Reused upload buffers would be overwritten while still queued if undici ever pulled a
      // chunk before the socket drained; a slow reader keeps the socket full to prove it doesn't.
      const slow = await startLoopbackServer(async (request, response) => {
        const received: Buffer[] = [];
        for await (const chunk of request) {
          received.push(chunk as Buffer);
          // Stop reading now and then, long enough for the kernel's buffers to fill up and
          // the client's writes to queue behind them.
          if (received.length % 128 === 1) await new Promise((resolve) => setTimeout(resolve, 150));
        }
        const form = await new Request('http://parser.local/', {
          method: 'POST',
          headers: { 'content-type': String(request.headers['content-type']) },
          body: Buffer.concat(received),
        }).formData();
        const image = form.get('image') as File;
        const same = Buffer.from(await image.arrayBuffer()).equals(fileBytes);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ same }));
      });
      try {
        const file: ImageFile = {
          filename: 'large.png',
          mediaType: 'image/png',
          width: 1,
          height: 1,
          size: fileBytes.length,
          path: filePath,
          stream: () => Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>,
          bytes: async () => fileBytes,
        };
        const body = createMultipartBody([{ name: 'image', file }]);
        const response = await client().request({ method: 'POST', url: slow.url('/'), body });
        expect(await response.json()).toEqual({ same: true });
      } finally {
        await slow.close();
      }
    }, 30_000);

    it('can send the same body again, as a retry would', async () => {
      const small = Buffer.from('tiny file contents');
      const file: ImageFile = {
        filename: 'a.png',
        mediaType: 'image/png',
        width: 1,
        height: 1,
        size: small.length,
        stream: () => new Blob([small]).stream(),
        bytes: async () => small,
      };
      const body = createMultipartBody([{ name: 'image', file }]);
      const http = client();
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await http.request({ method: 'POST', url: server.url('/upload'), body });
        await response.text();
      }
      expect(uploads).toHaveLength(2);
      expect(uploads[0]?.body.equals(uploads[1]?.body ?? Buffer.alloc(0))).toBe(true);
    });
  });

  describe('transport failures', () => {
    it('maps a connection dropped mid-body to a retryable network error', async () => {
      const response = await client().request({ method: 'GET', url: server.url('/drop-mid-body') });
      const error = (await response.text().catch((caught: unknown) => caught)) as RetouchError;
      expect(error).toBeInstanceOf(RetouchError);
      expect(error.code).toBe('network');
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(
        /dropped before the response was complete \((the server closed the connection|the response was shorter than announced)/,
      );
    });

    it('maps a refused connection to a retryable network error naming the provider', async () => {
      const closed = await startLoopbackServer(() => {});
      await closed.close();
      const error = (await client()
        .request({ method: 'GET', url: closed.url('/x') })
        .catch((caught: unknown) => caught)) as RetouchError;
      expect(error.code).toBe('network');
      expect(error.retryable).toBe(true);
      expect(error.provider).toBe('acme');
      expect(error.message).toMatch(
        /^Could not reach acme at http:\/\/127\.0\.0\.1:\d+ \(connection refused, ECONNREFUSED\)/,
      );
    });

    it('maps a header timeout to a retryable timeout error', async () => {
      const error = (await client({ headersTimeoutMs: 150 })
        .request({ method: 'GET', url: server.url('/never-responds') })
        .catch((caught: unknown) => caught)) as RetouchError;
      expect(error.code).toBe('timeout');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('did not start responding within 150 ms');
    });

    it('maps a body that stalls to a timeout error', async () => {
      const response = await client({ bodyTimeoutMs: 150 }).request({
        method: 'GET',
        url: server.url('/stalls-mid-body'),
      });
      const error = (await response.bytes().catch((caught: unknown) => caught)) as RetouchError;
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('stopped sending');
    });
  });

  describe('abort', () => {
    it('throws the RetouchError the signal was aborted with, while waiting for headers', async () => {
      const controller = new AbortController();
      const reason = new RetouchError({
        code: 'timeout',
        message: 'edit took longer than 5 minutes',
      });
      setTimeout(() => controller.abort(reason), 50);
      await expect(
        client().request({
          method: 'GET',
          url: server.url('/never-responds'),
          signal: controller.signal,
        }),
      ).rejects.toBe(reason);
    });

    it('throws the reason while the body is streaming', async () => {
      const controller = new AbortController();
      const reason = new RetouchError({ code: 'cancelled', message: 'user pressed cancel' });
      const response = await client().request({
        method: 'GET',
        url: server.url('/stalls-mid-body'),
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(reason), 50);
      await expect(response.bytes()).rejects.toBe(reason);
    });

    it('survives an abort while nobody reads the body, and reports it when the body is read', async () => {
      const controller = new AbortController();
      const reason = new RetouchError({ code: 'cancelled', message: 'user pressed cancel' });
      const response = await client().request({
        method: 'GET',
        url: server.url('/stalls-mid-body'),
        signal: controller.signal,
      });
      controller.abort(reason);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(response.text()).rejects.toBe(reason);
    });

    it('turns a plain abort into a cancelled error, before any I/O when already aborted', async () => {
      const error = (await client()
        .request({ method: 'GET', url: server.url('/json'), signal: AbortSignal.abort() })
        .catch((caught: unknown) => caught)) as RetouchError;
      expect(error.code).toBe('cancelled');
      expect(error.retryable).toBe(false);
    });
  });

  describe('logging', () => {
    it('logs one entry per exchange and never the key, from query string or headers', async () => {
      const entries: RequestLogEntry[] = [];
      const http = client({ secrets: [secret], log: (entry) => entries.push(entry) });
      const ok = await http.request({
        method: 'GET',
        url: server.url(`/json?api-version=2025&key=${secret}`),
        headers: { authorization: `Bearer ${secret}`, 'api-key': secret },
      });
      await ok.text();
      await http
        .request({
          method: 'GET',
          url: `http://127.0.0.1:1/path/${secret}?token=${secret}`,
          headers: { 'x-api-key': secret },
        })
        .catch(() => {});

      expect(entries).toHaveLength(2);
      expect(entries[0]).toMatchObject({
        provider: 'acme',
        method: 'GET',
        status: 200,
        requestId: 'req_123',
        url: `${server.origin}/json?api-version=2025&key=[redacted]`,
      });
      expect(entries[0]?.durationMs).toBeGreaterThanOrEqual(0);
      expect(entries[1]?.error).toMatch(/^network: /);
      expect(JSON.stringify(entries)).not.toContain(secret);
    });
  });

  describe('proxies', () => {
    let proxy: LoopbackServer;
    let proxied: string[] = [];

    beforeAll(async () => {
      proxy = await startLoopbackServer(
        (request, response) => {
          proxied.push(`${request.method} ${request.url}`);
          fetch(String(request.url).replace('127.0.0.2', '127.0.0.1'), {
            headers: { authorization: String(request.headers.authorization) },
          })
            .then(async (upstream) => {
              response.writeHead(upstream.status, { 'content-type': 'application/json' });
              response.end(await upstream.text());
            })
            .catch(() => response.destroy());
        },
        (httpServer) => {
          httpServer.on('connect', (request, socket, head) => {
            proxied.push(`CONNECT ${request.url}`);
            const [host, port] = String(request.url).replace('127.0.0.2', '127.0.0.1').split(':');
            const upstream = connect(Number(port), host, () => {
              socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
              upstream.write(head);
              upstream.pipe(socket);
              socket.pipe(upstream);
            });
            upstream.on('error', () => socket.destroy());
            socket.on('error', () => upstream.destroy());
          });
        },
      );
    });

    afterEach(() => {
      proxied = [];
    });

    afterAll(() => proxy.close());

    it('goes through the configured proxy', async () => {
      const response = await client({ proxy: proxy.origin }).request({
        method: 'GET',
        url: server.url('/json'),
      });
      expect(await response.json()).toMatchObject({ hello: 'world' });
      expect(proxied.join('\n')).toContain(server.origin.replace('http://', ''));
    });

    it('rejects a proxy setting that is not a URL, without echoing its credentials', () => {
      expect(() => createHttpClient({ provider: 'acme', proxy: 'http://user:hunter22@' })).toThrow(
        /not a valid proxy URL/,
      );
      expect(() =>
        createHttpClient({ provider: 'acme', proxy: 'http://user:hunter22@' }),
      ).not.toThrow(/hunter22/);
    });

    it('takes HTTP_PROXY from the environment and honours NO_PROXY', async () => {
      // Nothing listens on 127.0.0.2; the test proxy forwards it to the server on 127.0.0.1, so a request
      // that bypassed the proxy could not succeed.
      const proxiedUrl = server.url('/json').replace('127.0.0.1', '127.0.0.2');
      vi.stubEnv('HTTP_PROXY', proxy.origin);
      vi.stubEnv('NO_PROXY', '');
      const viaProxy = await client().request({ method: 'GET', url: proxiedUrl });
      expect(await viaProxy.json()).toMatchObject({ hello: 'world' });
      expect(proxied.join('\n')).toContain('127.0.0.2');

      proxied = [];
      vi.stubEnv('NO_PROXY', '127.0.0.2');
      await expect(client().request({ method: 'GET', url: proxiedUrl })).rejects.toMatchObject({
        code: 'network',
      });
      expect(proxied).toHaveLength(0);
    });

    it('never sends loopback requests through an environment proxy', async () => {
      vi.stubEnv('HTTP_PROXY', proxy.origin);
      vi.stubEnv('NO_PROXY', 'example.com');
      const direct = await client().request({ method: 'GET', url: server.url('/json') });
      expect(await direct.json()).toMatchObject({ hello: 'world' });
      expect(proxied).toHaveLength(0);
    });
  });

  it('refuses requests after close()', async () => {
    const http = createHttpClient({ provider: 'acme' });
    await http.close();
    await expect(http.request({ method: 'GET', url: server.url('/json') })).rejects.toThrow(
      /was closed/,
    );
  });
});
