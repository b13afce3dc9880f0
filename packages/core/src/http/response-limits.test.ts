import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRetouchError, type RetouchError } from '../errors/retouch-error.js';
import { hostile } from '../testing/hostile-behaviours.js';
import { type HostileServer, startHostileServer } from '../testing/hostile-server.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { readHttpError } from './read-http-error.js';
import { parseServerSentEvents } from './server-sent-events.js';

const MiB = 1024 * 1024;
let server: HostileServer;
let client: HttpClient;

beforeAll(async () => {
  server = await startHostileServer();
  client = createHttpClient({
    provider: 'acme',
    limits: { imageBytes: MiB, documentBytes: 64 * 1024, errorBytes: 16 * 1024 },
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
afterEach(() => server.reset());

async function failure(promise: Promise<unknown>): Promise<RetouchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isRetouchError(error)) throw new Error(`expected a RetouchError, got ${String(error)}`);
  return error;
}

const get = (path = '/answer') => client.request({ method: 'GET', url: server.url(path) });

describe('bounded reads', () => {
  it('refuses a declared Content-Length above the limit without waiting for the body', async () => {
    // The body never comes: only a refusal from the header can end this read.
    server.route('GET', '/answer', ({ response }) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': 2 * 1024 ** 3,
      });
      response.write('{"data":[');
    });
    const error = await failure((await get()).json());
    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/acme announced an answer larger than 1\.1 MiB/);
    expect(error.message).toMatch(/responseLimits\.imageBytes/);
  });

  it('stops reading a body that never ends as soon as it crosses the limit', async () => {
    server.route('GET', '/answer', hostile.endless({ prefix: '{"data":[{"b64_json":"' }));
    const error = await failure((await get()).text());
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/acme sent an answer larger than 1\.1 MiB/);
    expect(error.message).not.toMatch(/bug/);
  });

  it('scales the limit with the images the answer may carry', async () => {
    const body = JSON.stringify({ data: ['x'.repeat(Math.floor(2.5 * MiB))] });
    server.route('GET', '/answer', hostile.json(200, body));
    expect(await (await get()).json({ images: 3 })).toEqual(JSON.parse(body));
    const error = await failure((await get()).json({ images: 2 }));
    expect(error.message).toMatch(
      /larger than 2\.1 MiB, the limit for an answer carrying 2 images/,
    );
  });

  it('caps a document without images at documentBytes, and honours an explicit maxBytes', async () => {
    server.route('GET', '/answer', hostile.json(200, { logs: 'y'.repeat(100 * 1024) }));
    const error = await failure((await get()).json({ images: 0 }));
    expect(error.message).toMatch(
      /larger than 64 KiB, the limit for an answer without images \(responseLimits\.documentBytes\)/,
    );
    expect(
      ((await (await get()).json({ maxBytes: 200 * 1024 })) as { logs: string }).logs,
    ).toHaveLength(100 * 1024);
  });

  it('still explains an error status whose body is too large to read', async () => {
    server.route(
      'GET',
      '/answer',
      hostile.endless({ status: 503, prefix: '{"error":{"message":"' }),
    );
    const error = await readHttpError(await get(), { provider: 'acme' });
    expect(error).toMatchObject({ code: 'server', status: 503, retryable: true });
  });

  it('strips escape sequences from the server text it quotes in an error', async () => {
    server.route(
      'GET',
      '/answer',
      hostile.json(400, {
        error: { message: 'bad\x1b[2J\x1b]0;pwned\x07 size\r\nfake line', code: 'x\x1b[31m' },
      }),
    );
    const error = await readHttpError(await get(), { provider: 'acme' });
    expect(error.message).toMatch(/^acme returned HTTP 400 \(x\): "bad size fake line"/);
    for (const control of ['\x1b', '\x07', '\r', '\n'])
      expect(error.message).not.toContain(control);
  });
});

describe('limit settings', () => {
  it('refuses a limit that is not a positive number of bytes, naming the setting', () => {
    expect(() => createHttpClient({ provider: 'acme', limits: { imageBytes: -1 } })).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: expect.stringMatching(/responseLimits\.imageBytes for acme is -1/),
      }),
    );
  });
});

describe('bounded server-sent events', () => {
  it('ends a data line that never ends at the per-event limit', async () => {
    server.route('GET', '/answer', hostile.endlessEvent());
    const response = await get();
    const error = await failure(
      (async () => {
        for await (const _event of response.events()) {
          // none arrives
        }
      })(),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/acme sent one server-sent event larger than 1\.1 MiB/);
  });

  it('lets events under the limit through, each capped on its own', async () => {
    const frame = `data: ${'z'.repeat(800 * 1024)}\n\n`;
    server.route('GET', '/answer', hostile.events([frame, frame, frame, 'data: [DONE]\n\n']));
    const sizes: number[] = [];
    for await (const event of (await get()).events()) sizes.push(event.data.length);
    expect(sizes).toEqual([800 * 1024, 800 * 1024, 800 * 1024, 6]);
  });

  it('parseServerSentEvents() takes the cap as an option and names the provider', async () => {
    server.route('GET', '/answer', hostile.endlessEvent('data: '));
    const response = await get();
    const error = await failure(
      (async () => {
        for await (const _event of parseServerSentEvents(response.body, {
          maxEventBytes: 4096,
          provider: 'gateway',
        })) {
          // none arrives
        }
      })(),
    );
    expect(error.message).toMatch(/gateway sent one server-sent event larger than 4 KiB/);
  });
});
