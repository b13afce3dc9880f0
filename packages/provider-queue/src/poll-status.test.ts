import { type EditProgressEvent, editImage, type RetouchError } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queueProviderFor, solidPng, startQueueEmulator } from './__fixtures__/queue-test-setup.js';
import { expectedRunTime } from './run-times.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQueueEmulator();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const edit = async (sse = false) =>
  editImage({
    provider: queueProviderFor(emulator, { sse }),
    model: 'gpt_image_1_edit',
    prompt: 'grayscale',
    images: await solidPng(),
  });

const statusRequests = () => emulator.requests.filter((r) => r.route === 'queue.status');

describe('polling through transient status errors', () => {
  it.each([
    { status: 429, retryAfterMs: 300 },
    { status: 503, retryAfter: 1 },
  ])('waits out $status with the Retry-After the server asked for', async (fault) => {
    emulator.setFaults([{ route: 'queue.status', times: 2, ...fault }]);
    const result = await edit();
    expect(result.images).toHaveLength(1);
    const [first, second, third] = statusRequests();
    expect([first?.status, second?.status]).toEqual([fault.status, fault.status]);
    expect([200, 202]).toContain(third?.status);
    const waitedMs = Date.parse(third!.timestamp) - Date.parse(second!.timestamp);
    const askedMs = fault.retryAfterMs ?? fault.retryAfter! * 1000;
    expect(waitedMs).toBeGreaterThanOrEqual(askedMs - 50);
  });

  it('retries status reads harder than the engine retries a submit', async () => {
    emulator.setFaults([{ route: 'queue.status', times: 5, status: 503, retryAfterMs: 20 }]);
    expect((await edit()).images).toHaveLength(1);

    emulator.reset();
    emulator.setFaults([{ route: 'queue.submit', times: 5, status: 503, retryAfterMs: 20 }]);
    await expect(edit()).rejects.toMatchObject({ code: 'server', status: 503 });
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(3);
  });

  it('survives dropped connections and garbled bodies on status', async () => {
    emulator.setFaults([
      { route: 'queue.status', times: 1, drop: true },
      { route: 'queue.status', times: 1, malformedJson: true },
    ]);
    expect((await edit()).images).toHaveLength(1);
  });
});

describe('learning how long a model runs', () => {
  it.each([{ sse: false }, { sse: true }])(
    "takes the server's inference time of a finished job as the model's run time (sse: $sse)",
    async ({ sse }) => {
      const model = `learn-${sse ? 'sse' : 'poll'}`;
      const provider = queueProviderFor(emulator, { sse, models: [{ id: model }] });
      const result = await editImage({
        provider,
        model,
        prompt: 'grayscale',
        images: await solidPng(),
      });
      const job = emulator.jobs.get(result.requestId!)!;
      expect(expectedRunTime(model)).toBeCloseTo(job.completedAt! - job.startedAt!, 0);
    },
  );
});

describe('one owner for retries: the engine re-watches, nothing multiplies', () => {
  const retries = (events: EditProgressEvent[]) =>
    events.flatMap((event) => (event.type === 'retrying' ? [event.attempt] : []));

  it('retries each failed status check once, numbering the attempts from 2', async () => {
    emulator.setFaults([{ route: 'queue.status', times: 2, status: 503, retryAfterMs: 10 }]);
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: queueProviderFor(emulator, { sse: false }),
      model: 'gpt_image_1_edit',
      prompt: 'grayscale',
      images: await solidPng(),
      onProgress: (event) => events.push(event),
    });
    expect(result.images).toHaveLength(1);
    expect(statusRequests().filter((r) => r.status === 503)).toHaveLength(2);
    expect(retries(events)).toEqual([2, 3]);
    const waits = events.flatMap((e) => (e.type === 'retrying' ? [e.delayMs] : []));
    expect(waits).toEqual([10, 10]);
  });

  it('keeps following through failing status checks for as long as the job may run, then keeps the job', async () => {
    emulator.setFaults([{ route: 'queue.status', status: 503, retryAfterMs: 10 }]);
    const events: EditProgressEvent[] = [];
    const error: RetouchError = await editImage({
      provider: queueProviderFor(emulator, { sse: false }),
      model: 'gpt_image_1_edit',
      prompt: 'grayscale',
      images: await solidPng(),
      maxJobRetries: 3,
      timeoutMs: 1500,
      onProgress: (event) => events.push(event),
    }).catch((e) => e);

    expect(error).toMatchObject({ code: 'server', status: 503 });
    // Not three checks and out: checked on (one watch per check, none multiplied by the provider).
    expect(statusRequests().length).toBeGreaterThan(4);
    const told = retries(events);
    expect(told.length).toBeGreaterThanOrEqual(statusRequests().length - 1);
    expect(told).toEqual(told.map((_, i) => i + 2));
    // Not cancelled, not submitted again: the handle goes with the error, to follow it later.
    expect(emulator.requests.filter((r) => r.route === 'queue.cancel')).toHaveLength(0);
    expect(error.cancellations).toEqual([
      { outcome: 'unknown', handle: expect.objectContaining({ provider: 'queue' }) },
    ]);
    expect(error.message).not.toContain(error.cancellations[0]!.handle!.id);
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
  });

  it('reads a result again after a dropped connection, once per failure', async () => {
    emulator.setFaults([{ route: 'queue.result', times: 1, drop: true }]);
    const result = await edit();
    expect(result.images).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.route === 'queue.result')).toHaveLength(2);
  });
});

describe.each([{ sse: false }, { sse: true }])(
  'a job that goes wrong on the server (sse: $sse)',
  ({ sse }) => {
    it('reports a failed job with the server message, without resubmitting it', async () => {
      emulator.setFaults([{ route: 'queue.submit', times: 1, job: 'fail' }]);
      const error: RetouchError = await edit(sse).catch((e) => e);
      expect(error).toMatchObject({ code: 'server', retryable: false });
      expect(error.message).toContain('The job failed (injected fault)');
      expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
    });

    it('reports a vanished job (404) as not_found', async () => {
      emulator.setFaults([{ route: 'queue.submit', times: 1, job: 'vanish' }]);
      const error: RetouchError = await edit(sse).catch((e) => e);
      expect(error).toMatchObject({ code: 'not_found', retryable: false });
      expect(error.message).toMatch(/no longer exists/);
    });
  },
);

describe('a job that never finishes', () => {
  it('ends with the engine timeout instead of hanging, and is cancelled', async () => {
    emulator.setFaults([{ route: 'queue.submit', times: 1, job: 'stall' }]);
    const error: RetouchError = await editImage({
      provider: queueProviderFor(emulator),
      model: 'gpt_image_1_edit',
      prompt: 'grayscale',
      images: await solidPng(),
      timeoutMs: 500,
      maxRetries: 0,
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout', retryable: false });
    expect(error.message).toMatch(/did not complete within 0.5 s \(timeoutMs\)/);
    // The engine stops following a job only by cancelling it; a running one hands back its handle.
    expect(error.cancellations).toEqual([
      { outcome: 'too-late', handle: expect.objectContaining({ provider: 'queue' }) },
    ]);
  });
});
