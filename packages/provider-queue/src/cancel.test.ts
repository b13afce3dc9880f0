import { editImage, type RetouchError, resumeEdit } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  editCall,
  firstPixel,
  queueProviderFor,
  solidPng,
  startQueueEmulator,
  until,
} from './__fixtures__/queue-test-setup.js';

let emulator: Emulator;
beforeAll(async () => {
  // One slow worker: a second job waits in the queue long enough to be cancelled there.
  emulator = await startQueueEmulator({ workers: 1, jobDurationMs: 1_500 });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

/** Runs an edit and aborts it when it first sees a progress event of type `when`. */
async function editAbortedOn(when: 'job-started' | 'running'): Promise<RetouchError> {
  const controller = new AbortController();
  return editImage({
    provider: queueProviderFor(emulator),
    model: 'gpt_image_1_edit',
    prompt: 'grayscale',
    images: await solidPng(),
    signal: controller.signal,
    onProgress: (event) => {
      if (event.type === when) controller.abort();
    },
  }).then(
    () => {
      throw new Error('expected the edit to be cancelled');
    },
    (error: RetouchError) => error,
  );
}

const jobsBy = (predicate: (id: string) => boolean) =>
  [...emulator.jobs.values()].filter((job) => predicate(job.id));

describe('aborting an edit', () => {
  it('cancels a queued job on the server and says so', async () => {
    const blocker = await queueProviderFor(emulator).jobs!.start(await editCall());
    const error = await editAbortedOn('job-started');

    expect(error).toMatchObject({
      code: 'cancelled',
      message: 'The edit was cancelled. queue cancelled the job, so it does not run.',
      cancellations: [{ outcome: 'cancelled' }],
    });
    const [aborted] = jobsBy((id) => id !== blocker.id);
    expect(aborted).toMatchObject({ cancelled: true, status: 'COMPLETED' });
    expect(emulator.requests.some((r) => r.route === 'queue.cancel' && r.status === 202)).toBe(
      true,
    );
  });

  it('hands back a running job it could not stop, whose result can still be saved', async () => {
    const error = await editAbortedOn('running');

    const [running] = jobsBy(() => true);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(error.message).toBe(
      `The edit was cancelled. The job on queue had already started and could not be cancelled, so it may still finish and be billed.`,
    );
    expect(error.cancellations).toEqual([
      { outcome: 'too-late', handle: expect.objectContaining({ id: running!.id }) },
    ]);
    expect(running?.cancelled).toBe(false);

    // The app keeps following the job from the handle and gets the paid-for image.
    const handle = JSON.parse(JSON.stringify(error.cancellations[0]!.handle));
    const result = await resumeEdit({ provider: queueProviderFor(emulator), handle });
    expect(result.requestId).toBe(running!.id);
    const pixel = await firstPixel(result.images[0]!.data);
    expect(pixel.r === pixel.g && pixel.g === pixel.b).toBe(true);
  });

  it('says the outcome is unknown when the server does not confirm the cancel', async () => {
    emulator.setFaults([{ route: 'queue.cancel', status: 503 }]);
    const error = await editAbortedOn('running');

    const [running] = jobsBy(() => true);
    expect(error.message).toBe(
      `The edit was cancelled. queue did not confirm that the job was cancelled, so it may still run and be billed.`,
    );
    expect(error.cancellations).toEqual([
      { outcome: 'unknown', handle: expect.objectContaining({ id: running!.id }) },
    ]);
    // One cancel request: a cancel is asked once, never retried into a loop.
    expect(emulator.requests.filter((r) => r.route === 'queue.cancel')).toHaveLength(1);
    await until(() => running?.status === 'COMPLETED', 'the running job to finish anyway');
  });

  it('says a job may exist when the abort caught the submit on its way', async () => {
    emulator.setFaults([{ route: 'queue.submit', times: 1, delayMs: 5_000 }]);
    const controller = new AbortController();
    const error: RetouchError = await editImage({
      provider: queueProviderFor(emulator),
      model: 'gpt_image_1_edit',
      prompt: 'grayscale',
      images: await solidPng(),
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'queued') setTimeout(() => controller.abort(), 50);
      },
    }).catch((e) => e);

    expect(error).toMatchObject({ code: 'cancelled', delivery: 'unknown' });
    expect(error.message).toMatch(/The submit was already on its way to queue, so a job may exist/);
    expect(error.cancellations).toEqual([]);
  });
});
