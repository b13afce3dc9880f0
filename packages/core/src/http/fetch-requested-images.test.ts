import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestPng } from '../testing/create-test-png.js';
import { hostile } from '../testing/hostile-behaviours.js';
import { type HostileServer, startHostileServer } from '../testing/hostile-server.js';
import { fetchRequestedImages } from './fetch-requested-images.js';
import { guardedDownload } from './guarded-download.js';
import { createHttpClient, type HttpClient } from './http-client.js';

let server: HostileServer;
let client: HttpClient;
const png = createTestPng(16, 12);

beforeAll(async () => {
  server = await startHostileServer();
  client = createHttpClient({ provider: 'acme' });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
afterEach(() => server.reset());

function download(url: string, signal: AbortSignal) {
  return guardedDownload(url, { client, provider: 'acme', maxBytes: 1024 * 1024, signal });
}

describe('fetchRequestedImages', () => {
  it('downloads only the images asked for, and says how many it dropped', async () => {
    server.route('GET', '/img/*', hostile.send(200, png, { 'content-type': 'image/png' }));
    const urls = Array.from({ length: 16 }, (_, i) => server.url(`/img/${i}`));
    const { images, warning } = await fetchRequestedImages(urls, {
      provider: 'acme',
      wanted: 1,
      fetch: download,
    });
    expect(images).toHaveLength(1);
    expect(server.requests.map((request) => request.path)).toEqual(['/img/0']);
    expect(warning?.message).toBe(
      'acme returned 16 images where 1 was asked for; the first one was kept and 15 dropped without downloading.',
    );
  });

  it('keeps the server’s order and never has more than `concurrency` downloads in flight', async () => {
    let inFlight = 0;
    let most = 0;
    server.route('GET', '/img/*', async ({ request, response }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const index = Number(request.url?.split('/').pop());
      // Later images answer first, so order comes from the helper, not from timing.
      await new Promise((resolve) => setTimeout(resolve, (8 - index) * 5));
      inFlight -= 1;
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(createTestPng(10 + index, 10));
    });
    const urls = Array.from({ length: 8 }, (_, i) => server.url(`/img/${i}`));
    const { images, warning } = await fetchRequestedImages(urls, {
      provider: 'acme',
      wanted: 8,
      concurrency: 3,
      fetch: download,
    });
    expect(warning).toBeUndefined();
    expect(images.map((image) => image.url)).toEqual(urls);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('adds no abort listeners per image to the caller’s signal (no MaxListenersExceededWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    server.route(
      'GET',
      '/img/*',
      hostile.delay(20, hostile.send(200, png, { 'content-type': 'image/png' })),
    );
    const controller = new AbortController();
    try {
      const urls = Array.from({ length: 12 }, (_, i) => server.url(`/img/${i}`));
      const { images } = await fetchRequestedImages(urls, {
        provider: 'acme',
        wanted: 12,
        concurrency: 12,
        fetch: download,
        signal: controller.signal,
      });
      expect(images).toHaveLength(12);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('stops the other downloads when one fails', async () => {
    server.route('GET', '/img/*', hostile.hang());
    server.route('GET', '/img/0', hostile.json(404, { error: 'gone' }));
    const urls = Array.from({ length: 3 }, (_, i) => server.url(`/img/${i}`));
    const error = await fetchRequestedImages(urls, {
      provider: 'acme',
      wanted: 3,
      fetch: download,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'not_found' });
  });
});
