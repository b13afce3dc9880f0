import { editImage, type RetouchError } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  queueProviderFor,
  solidPng,
  startQueueEmulator,
  testKey,
} from './__fixtures__/queue-test-setup.js';

let emulator: Emulator;
let foreign: Emulator;
beforeAll(async () => {
  [emulator, foreign] = await Promise.all([startQueueEmulator(), startQueueEmulator()]);
});
afterEach(() => {
  emulator.reset();
  foreign.reset();
});
afterAll(() => Promise.all([emulator.close(), foreign.close()]));

const edit = async (config: Parameters<typeof queueProviderFor>[1] = {}) =>
  editImage({
    provider: queueProviderFor(emulator, config),
    model: 'gpt_image_1_edit',
    prompt: 'grayscale',
    images: await solidPng(),
  });

function submitAnswerPointingAt(origin: string) {
  const base = `${origin}/v1/queue/gpt_image_1_edit/requests/job-1`;
  emulator.setFaults([
    {
      route: 'queue.submit',
      times: 1,
      status: 200,
      body: {
        request_id: 'job-1',
        status_url: `${base}/status`,
        response_url: `${base}/response`,
        cancel_url: `${base}/cancel`,
      },
    },
  ]);
}

const leaksKey = (error: RetouchError) =>
  [error.message, JSON.stringify(error), String(error), error.stack ?? ''].some((text) =>
    text.includes(testKey),
  );

describe('job URLs on another origin', () => {
  it('are refused, and nothing (least of all the key) is sent there', async () => {
    submitAnswerPointingAt(foreign.url);
    const error: RetouchError = await edit().catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toContain('allowedOrigins');
    expect(foreign.requests).toHaveLength(0);
    expect(leaksKey(error)).toBe(false);
  });

  it('are followed when the user trusts the origin in allowedOrigins', async () => {
    submitAnswerPointingAt(foreign.url);
    const error: RetouchError = await edit({ allowedOrigins: [foreign.url] }).catch((e) => e);
    // The foreign emulator never heard of job-1, so the job has "vanished" there.
    expect(error).toMatchObject({ code: 'not_found' });
    expect(foreign.requests[0]?.headers.authorization).toBe(`Key ${testKey}`);
  });

  it('download result images from a CDN origin without the key or configured headers', async () => {
    // A real image served by the other emulator, as a CDN would serve it.
    const cdnResult = await editImage({
      provider: queueProviderFor(foreign),
      model: 'gpt_image_1_edit',
      prompt: 'invert',
      images: await solidPng(),
    });
    const fileRequest = foreign.requests.findLast((r) => r.route === 'files');
    const imageUrl = `${foreign.url}${fileRequest!.path}`;
    foreign.requests.length = 0;
    emulator.setFaults([
      { route: 'queue.result', status: 200, body: { images: [{ url: imageUrl }] } },
    ]);

    // A CDN on plain http on loopback is fetched only because the user trusts its origin.
    const result = await edit({
      headers: { 'x-team-id': 'retouch-team' },
      allowedOrigins: [foreign.url],
    });
    expect(result.images[0]?.data).toEqual(cdnResult.images[0]?.data);
    expect(foreign.requests).toHaveLength(1);
    expect(foreign.requests[0]?.headers.authorization).toBeUndefined();
    expect(foreign.requests[0]?.headers['x-team-id']).toBeUndefined();
    expect(emulator.requests.find((r) => r.route === 'queue.submit')?.headers['x-team-id']).toBe(
      'retouch-team',
    );
  });

  it('refuse a result on another loopback service the user has not trusted, fetching nothing there', async () => {
    emulator.setFaults([
      {
        route: 'queue.result',
        status: 200,
        body: { images: [{ url: `${foreign.url}/admin/backup.png` }] },
      },
    ]);
    const error: RetouchError = await edit().catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(error.message).toContain('rule: private-network');
    expect(foreign.requests).toHaveLength(0);
  });
});

describe('the key', () => {
  it('never appears in an error, even when the server echoes it back', async () => {
    emulator.setFaults([
      {
        route: 'queue.submit',
        times: 1,
        status: 400,
        body: { detail: `Key ${testKey} is not allowed here` },
      },
    ]);
    const error: RetouchError = await edit().catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(error.message).toContain('is not allowed here');
    expect(leaksKey(error)).toBe(false);
  });

  it('is reported as an authentication problem when the server rejects it', async () => {
    const error: RetouchError = await edit({ apiKey: 'wrong-key-1234567' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'authentication', status: 401 });
    expect(error.message).not.toContain('wrong-key-1234567');
  });
});
