import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RetouchError } from '../errors/retouch-error.js';
import { type LoopbackServer, startLoopbackServer } from './__fixtures__/loopback-server.js';
import { guardedDownload } from './guarded-download.js';
import { createHttpClient } from './http-client.js';

const secret = 'sk-download-SECRET-42424242';
const client = createHttpClient({ provider: 'acme' });

let png: Buffer;
let jpeg: Buffer;
let api: LoopbackServer;
let cdn: LoopbackServer;
let seen: { server: 'api' | 'cdn'; path: string; headers: IncomingHttpHeaders }[] = [];

function sendImage(
  response: ServerResponse,
  bytes: Buffer,
  type: string,
  declareLength = true,
): void {
  response.writeHead(200, {
    'content-type': type,
    ...(declareLength ? { 'content-length': bytes.length } : {}),
  });
  response.end(bytes);
}

beforeAll(async () => {
  const pixels = {
    width: 8,
    height: 6,
    channels: 4 as const,
    background: { r: 10, g: 200, b: 30, alpha: 1 },
  };
  png = await sharp({ create: pixels }).png().toBuffer();
  jpeg = await sharp({ create: pixels }).jpeg().toBuffer();

  // Two servers on different ports are different origins: the API, and a CDN it redirects to.
  cdn = await startLoopbackServer((request, response) => {
    const path = request.url ?? '/';
    seen.push({ server: 'cdn', path, headers: request.headers });
    if (path === '/image.png') return sendImage(response, png, 'image/png');
    if (path === '/back-to-api') {
      response.writeHead(302, { location: `${api.origin}/image.png` }).end();
      return;
    }
    response.writeHead(404).end();
  });
  api = await startLoopbackServer((request, response) => {
    const path = request.url ?? '/';
    seen.push({ server: 'api', path, headers: request.headers });
    switch (path) {
      case '/image.png':
        return sendImage(response, png, 'image/png');
      case '/image.png?charset':
        return sendImage(response, png, 'image/png; charset=binary');
      case '/untyped':
        return sendImage(response, png, 'application/octet-stream');
      case '/to-cdn':
        response.writeHead(307, { location: `${cdn.origin}/image.png` }).end();
        return;
      case '/via-cdn-and-back':
        response.writeHead(302, { location: `${cdn.origin}/back-to-api` }).end();
        return;
      case '/to-file':
        response.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      case '/loop':
        response.writeHead(302, { location: '/loop' }).end();
        return;
      case '/big-declared':
        return sendImage(response, Buffer.concat([png, Buffer.alloc(5000)]), 'image/png');
      case '/big-chunked':
        return sendImage(response, Buffer.concat([png, Buffer.alloc(5000)]), 'image/png', false);
      case '/jpeg-labelled-png':
        return sendImage(response, jpeg, 'image/png');
      case '/html':
        return sendImage(response, Buffer.from('<html>login</html>'), 'text/html');
      case '/html-labelled-png':
        return sendImage(response, Buffer.from('<html>login</html>'), 'image/png');
      case '/gone':
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no object for key ${secret}` } }));
        return;
      case '/hang':
        return;
      default:
        response.writeHead(500).end();
    }
  });
});

afterEach(() => {
  seen = [];
});

afterAll(async () => {
  await client.close();
  await Promise.all([api.close(), cdn.close()]);
});

const credentials = {
  authorization: `Bearer ${secret}`,
  'api-key': secret,
  'x-trace-id': 'trace-1',
};

function download(
  url: string,
  options: { maxBytes?: number; maxRedirects?: number; signal?: AbortSignal } = {},
) {
  return guardedDownload(url, {
    client,
    provider: 'acme',
    maxBytes: options.maxBytes ?? 1024 * 1024,
    headers: credentials,
    authOrigin: `${api.origin}/v1`,
    ...(options.maxRedirects === undefined ? {} : { maxRedirects: options.maxRedirects }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

async function failure(promise: Promise<unknown>): Promise<RetouchError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RetouchError);
  return error as RetouchError;
}

describe('guardedDownload', () => {
  it('returns the bytes, the sniffed media type and the URL, sending credentials to the auth origin', async () => {
    const result = await download(api.url('/image.png'));
    expect(Buffer.from(result.bytes).equals(png)).toBe(true);
    expect(result.mediaType).toBe('image/png');
    expect(result.url).toBe(api.url('/image.png'));
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(seen[0]?.headers['api-key']).toBe(secret);
  });

  it('strips credentials on a redirect to another origin, but keeps harmless headers', async () => {
    const result = await download(api.url('/to-cdn'));
    expect(result.url).toBe(cdn.url('/image.png'));
    expect(seen.map((entry) => entry.server)).toEqual(['api', 'cdn']);
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(seen[1]?.headers.authorization).toBeUndefined();
    expect(seen[1]?.headers['api-key']).toBeUndefined();
    expect(seen[1]?.headers['x-trace-id']).toBe('trace-1');
  });

  it('re-checks every hop: credentials come back only when the chain returns to the auth origin', async () => {
    await download(api.url('/via-cdn-and-back'));
    expect(seen.map((entry) => [entry.server, entry.headers.authorization !== undefined])).toEqual([
      ['api', true],
      ['cdn', false],
      ['api', true],
    ]);
  });

  it('sends no credentials anywhere when no auth origin is given', async () => {
    await guardedDownload(api.url('/image.png'), {
      client,
      provider: 'acme',
      maxBytes: 1e6,
      headers: credentials,
    });
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses file: and ftp: URLs, directly or by redirect', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/image.png', api.url('/to-file')]) {
      const error = await failure(download(url));
      expect(error.code).toBe('invalid_response');
      expect(error.message).toMatch(/only http and https/);
    }
  });

  it('caps a redirect loop', async () => {
    const error = await failure(download(api.url('/loop'), { maxRedirects: 3 }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('after 3 redirects');
    expect(seen).toHaveLength(4);
  });

  it('refuses an image larger than the cap from its content-length', async () => {
    const error = await failure(download(api.url('/big-declared'), { maxBytes: 1000 }));
    expect(error.message).toContain('larger than 1000 bytes');
  });

  it('refuses an image larger than the cap while streaming when the length is not declared', async () => {
    const error = await failure(download(api.url('/big-chunked'), { maxBytes: 1000 }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('larger than 1000 bytes');
  });

  it('refuses bytes that disagree with the declared image type', async () => {
    const error = await failure(download(api.url('/jpeg-labelled-png')));
    expect(error.message).toContain('claims to be image/png but its bytes are image/jpeg');
  });

  it('refuses a non-image, by content type or by its bytes', async () => {
    expect((await failure(download(api.url('/html')))).message).toContain(
      'not an image (content-type text/html)',
    );
    expect((await failure(download(api.url('/html-labelled-png')))).message).toContain(
      'is not a PNG, JPEG, WebP or GIF image',
    );
  });

  it('accepts an untyped response whose bytes are an image, and a content-type with parameters', async () => {
    expect((await download(api.url('/untyped'))).mediaType).toBe('image/png');
    expect((await download(api.url('/image.png?charset'))).mediaType).toBe('image/png');
  });

  it('explains an HTTP error without leaking the key', async () => {
    const error = await failure(download(api.url('/gone')));
    expect(error.code).toBe('not_found');
    expect(JSON.stringify(error) + String(error)).not.toContain(secret);
  });

  it('stops with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new RetouchError({ code: 'cancelled', message: 'cancelled by the user' });
    setTimeout(() => controller.abort(reason), 30);
    await expect(download(api.url('/hang'), { signal: controller.signal })).rejects.toBe(reason);
  });

  describe('data: URIs', () => {
    it('decodes an image data URI', async () => {
      const result = await download(`data:image/png;base64,${png.toString('base64')}`);
      expect(Buffer.from(result.bytes).equals(png)).toBe(true);
      expect(result.mediaType).toBe('image/png');
      expect(seen).toHaveLength(0);
    });

    it('caps its size and checks its type', async () => {
      const oversized = `data:image/png;base64,${Buffer.concat([png, Buffer.alloc(4000)]).toString('base64')}`;
      expect((await failure(download(oversized, { maxBytes: 1000 }))).message).toContain(
        'larger than',
      );
      expect((await failure(download('data:text/html,<b>hi</b>'))).message).toContain(
        'not an image',
      );
      const mislabelled = `data:image/webp;base64,${jpeg.toString('base64')}`;
      expect((await failure(download(mislabelled))).message).toContain('claims to be image/webp');
    });
  });
});
