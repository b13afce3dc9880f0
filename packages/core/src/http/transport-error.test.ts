import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetouchError } from '../errors/retouch-error.js';
import {
  type LoopbackServer,
  readRequestBody,
  startLoopbackServer,
} from './__fixtures__/loopback-server.js';
import { createHttpClient } from './http-client.js';

let server: LoopbackServer;
const received: string[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    readRequestBody(request).then((body) => {
      received.push(`${path} ${body.toString()}`);
      // The server has the whole request (and may have acted on it), then the answer is lost.
      if (path === '/read-then-drop') response.socket?.destroy();
      if (path === '/headers-then-drop') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"request_id":');
        setTimeout(() => response.socket?.destroy(), 20);
      }
    });
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

const http = createHttpClient({ provider: 'acme', headersTimeoutMs: 300 });
const post = (url: string) =>
  http.request({ method: 'POST', url, body: '{"prompt":"x"}' }).then((response) => response.text());
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as RetouchError,
  );

describe('whether a failed request reached the server', () => {
  it('is not-sent when the connection was refused, so a resend cannot duplicate anything', async () => {
    const closed = await startLoopbackServer(() => {});
    await closed.close();
    const error = await failure(post(closed.url('/submit')));
    expect(error).toMatchObject({ code: 'network', retryable: true, delivery: 'not-sent' });
  });

  it('is unknown when the server read the request and dropped the connection', async () => {
    const error = await failure(post(server.url('/read-then-drop')));
    expect(received).toContain('/read-then-drop {"prompt":"x"}');
    expect(error).toMatchObject({ code: 'network', retryable: true, delivery: 'unknown' });
  });

  it('is unknown when the answer was cut after its headers', async () => {
    const error = await failure(post(server.url('/headers-then-drop')));
    expect(error).toMatchObject({ code: 'network', delivery: 'unknown' });
  });

  it('is unknown when the server never answered in time', async () => {
    const error = await failure(post(server.url('/never-answers')));
    expect(error).toMatchObject({ code: 'timeout', delivery: 'unknown' });
  });

  it('survives JSON, so a script can tell the two apart after the fact', async () => {
    const error = await failure(post(server.url('/read-then-drop')));
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ delivery: 'unknown' });
  });
});
