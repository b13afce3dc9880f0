import { editImage, type RetouchError } from '@retouch/core';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  queueProviderFor,
  solidPng,
  startQueueEmulator,
  testKey,
} from './__fixtures__/queue-test-setup.js';
import type { QueueConfigInput } from './queue-config.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQueueEmulator();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const edit = async (config: QueueConfigInput = {}, target: Emulator = emulator) =>
  editImage({
    provider: queueProviderFor(target, config),
    model: 'gpt_image_1_edit',
    prompt: 'invert',
    images: await solidPng(),
    maxRetries: 4,
  });

const submits = (target: Emulator = emulator) =>
  target.requests.filter((request) => request.route === 'queue.submit');

describe('a submit whose answer is lost after the server took it', () => {
  it('is sent again with the same idempotency key, and the server keeps one job', async () => {
    emulator.setFaults([{ route: 'queue.submit', times: 1, dropResponse: true }]);
    const result = await edit({ idempotencyHeader: 'Idempotency-Key' });

    expect(result.images).toHaveLength(1);
    expect(emulator.jobs.size).toBe(1);
    expect(result.requestId).toBe([...emulator.jobs.keys()][0]);
    const keys = submits().map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('is not sent again without idempotency support: the edit says a job may exist', async () => {
    emulator.setFaults([{ route: 'queue.submit', times: 1, dropResponse: true }]);
    const error: RetouchError = await edit().catch((e) => e);

    expect(error).toMatchObject({ code: 'network', retryable: false, delivery: 'unknown' });
    expect(error.message).toMatch(/a job may exist there and may run and be billed/);
    expect(error.message).toMatch(/did not submit again/);
    expect(submits()).toHaveLength(1);
    expect(emulator.jobs.size).toBe(1);
    expect(submits()[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('keeps the job id (not in the message) when the answer was cut after its headers', async () => {
    emulator.setFaults([{ route: 'queue.submit', times: 1, truncate: true }]);
    const error: RetouchError = await edit().catch((e) => e);

    expect(error).toMatchObject({ retryable: false, delivery: 'unknown' });
    const [jobId] = [...emulator.jobs.keys()];
    // The id is for the log and for programs, not for the message.
    expect(error.requestId).toBe(jobId);
    expect(error.message).not.toContain(jobId);
    expect(emulator.jobs.size).toBe(1);
  });

  it('is sent again when the server answered with an error (it said no job was made)', async () => {
    emulator.setFaults([{ route: 'queue.submit', times: 1, status: 503, retryAfterMs: 10 }]);
    const result = await edit();
    expect(result.images).toHaveLength(1);
    expect(submits()).toHaveLength(2);
    expect(emulator.jobs.size).toBe(1);
  });
});

describe('a submit that never reached the server', () => {
  it('is sent again, safely, once the server is back', async () => {
    // The port is free when the first submit goes out: the connection is refused.
    const down = await startQueueEmulator();
    const port = down.port;
    await down.close();
    const provider = queueProviderFor(down);
    let up: Emulator | undefined;
    try {
      const result = await editImage({
        provider,
        model: 'gpt_image_1_edit',
        prompt: 'invert',
        images: await solidPng(),
        maxRetries: 6,
        onProgress: async (event) => {
          if (event.type === 'retrying' && !up) {
            up = await startEmulator({ port, apiKey: testKey, log: () => {} });
          }
        },
      });
      expect(result.images).toHaveLength(1);
      expect(up!.jobs.size).toBe(1);
      expect(submits(up)).toHaveLength(1);
    } finally {
      await up?.close();
    }
  });
});
