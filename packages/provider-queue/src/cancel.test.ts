import { editImage, type RetouchError } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  editCall,
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

/** Runs an edit and aborts it when `when` first sees a matching progress event. */
async function editAbortedOn(when: 'job-started' | 'running', hideJobs = false) {
  const provider = queueProviderFor(emulator);
  const { jobs: _jobs, ...plain } = provider;
  const controller = new AbortController();
  const error: RetouchError = await editImage({
    provider: hideJobs ? plain : provider,
    model: 'gpt_image_1_edit',
    prompt: 'grayscale',
    images: await solidPng(),
    signal: controller.signal,
    onProgress: (event) => {
      if (
        event.type === when ||
        (hideJobs && event.type === 'queued' && event.position !== undefined)
      ) {
        controller.abort();
      }
    },
  }).catch((e) => e);
  return error;
}

const jobsBy = (predicate: (id: string) => boolean) =>
  [...emulator.jobs.values()].filter((job) => predicate(job.id));

describe('aborting an edit', () => {
  it.each([
    { how: 'the engine', hideJobs: false },
    { how: 'edit()', hideJobs: true },
  ])('cancels a queued job on the server (through $how)', async ({ hideJobs }) => {
    const blocker = await queueProviderFor(emulator).jobs!.start(await editCall());
    const error = await editAbortedOn('job-started', hideJobs);

    expect(error).toMatchObject({ code: 'cancelled' });
    expect(error.message).not.toMatch(/could not be cancelled/);
    const [aborted] = jobsBy((id) => id !== blocker.id);
    expect(aborted).toMatchObject({ cancelled: true, status: 'COMPLETED' });
    expect(emulator.requests.some((r) => r.route === 'queue.cancel' && r.status === 202)).toBe(
      true,
    );
  });

  it('says so when the job already runs and cannot be cancelled any more', async () => {
    const error = await editAbortedOn('running');

    expect(error).toMatchObject({ code: 'cancelled' });
    expect(error.message).toMatch(/could not be cancelled/);
    const [running] = jobsBy(() => true);
    expect(running?.cancelled).toBe(false);
    await until(() => running?.status === 'COMPLETED', 'the running job to finish anyway');
  });
});
