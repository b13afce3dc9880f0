import { describe, expect, it } from 'vitest';
import type { JobHandle } from '../contract/job-handle.js';
import type { EditProgressEvent } from '../contract/progress.js';
import type { CancelOutcome, JobStatus, LongJobSteps } from '../contract/provider.js';
import type { RetouchError } from '../errors/retouch-error.js';
import { createTestProvider, imagesFor, png, untilAborted } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';
import { resumeEdit } from './resume-edit.js';

const photo = await png(64, 48);

function rejection(promise: Promise<unknown>): Promise<RetouchError> {
  return promise.then(
    () => {
      throw new Error('expected the edit to fail');
    },
    (error: RetouchError) => error,
  );
}

/** A fake queue: jobs wait in line, then run, then complete, unless `hang` keeps them running. */
function createJobs(options: { hang?: boolean; cancelOutcome?: CancelOutcome } = {}) {
  const cancelled: string[] = [];
  let started = 0;
  const jobs: LongJobSteps = {
    async start(call) {
      started++;
      return {
        provider: 'test',
        model: call.model,
        id: `job-${started}`,
        data: { n: call.n, statusUrl: `https://queue.example/jobs/job-${started}` },
        createdAt: new Date(0).toISOString(),
      };
    },
    async *watch(_handle, { signal }): AsyncIterable<JobStatus> {
      yield { state: 'queued', position: 2 };
      yield { state: 'queued', position: 1 };
      yield { state: 'running', logs: ['warming up'] };
      if (options.hang) await untilAborted(signal);
    },
    async result(handle) {
      return { ...(await imagesFor({ n: Number(handle.data.n) } as never)), requestId: handle.id };
    },
    async cancel(handle) {
      cancelled.push(handle.id);
      return options.cancelOutcome ?? 'cancelled';
    },
  };
  return { jobs, cancelled };
}

describe('editImage with a long-job provider', () => {
  it('starts jobs, reports the handle and queue positions, then returns the result', async () => {
    const { jobs } = createJobs();
    const provider = createTestProvider({ jobs });
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      n: 2,
      onProgress: (e) => events.push(e),
    });
    expect(result.images).toHaveLength(2);
    expect(result.requestId).toBe('job-1');
    expect(provider.calls).toEqual([]);
    const started = events.find((e) => e.type === 'job-started');
    expect(started).toMatchObject({ call: 0, handle: { id: 'job-1', provider: 'test' } });
    const handle = (started as { handle: JobHandle }).handle;
    expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);
    expect(events.filter((e) => e.type === 'queued' || e.type === 'running')).toEqual([
      { type: 'queued', call: 0, position: 2 },
      { type: 'queued', call: 0, position: 1 },
      { type: 'running', call: 0, logs: ['warming up'] },
    ]);
  });

  it('cancels the server job on abort and ends with cancelled', async () => {
    const { jobs, cancelled } = createJobs({ hang: true });
    const controller = new AbortController();
    const edit = editImage({
      provider: createTestProvider({ jobs }),
      model: 'test-model',
      prompt: 'x',
      images: photo,
      signal: controller.signal,
      onProgress: (e) => e.type === 'running' && controller.abort(),
    });
    await expect(edit).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The edit was cancelled. test cancelled the job, so it does not run.',
      cancellations: [{ outcome: 'cancelled' }],
    });
    expect(cancelled).toEqual(['job-1']);
  });

  it.each([
    {
      outcome: 'too-late' as const,
      says: 'The job on test had already started and could not be cancelled, so it may still finish and be billed.',
    },
    {
      outcome: 'unknown' as const,
      says: 'test did not confirm that the job was cancelled, so it may still run and be billed.',
    },
  ])(
    'says what a $outcome cancel means, and hands back the job to keep following',
    async ({ outcome, says }) => {
      const { jobs } = createJobs({ hang: true, cancelOutcome: outcome });
      const controller = new AbortController();
      const error = await rejection(
        editImage({
          provider: createTestProvider({ jobs }),
          model: 'test-model',
          prompt: 'x',
          images: photo,
          signal: controller.signal,
          onProgress: (e) => e.type === 'running' && controller.abort(),
        }),
      );
      expect(error).toMatchObject({
        code: 'cancelled',
        message: `The edit was cancelled. ${says}`,
      });
      expect(error.cancellations).toEqual([
        { outcome, handle: expect.objectContaining({ provider: 'test', id: 'job-1' }) },
      ]);
      // The handle is data: an app can store it and resume the job later.
      const handle = JSON.parse(JSON.stringify(error.cancellations[0]!.handle));
      const { jobs: later } = createJobs();
      const resumed = await resumeEdit({ provider: createTestProvider({ jobs: later }), handle });
      expect(resumed.requestId).toBe('job-1');
    },
  );

  it('reports every job an abort stopped when n was split over several', async () => {
    const { jobs, cancelled } = createJobs({ hang: true, cancelOutcome: 'too-late' });
    const controller = new AbortController();
    let running = 0;
    const error = await rejection(
      editImage({
        provider: createTestProvider({ jobs }),
        model: 'test-model',
        prompt: 'x',
        images: photo,
        n: 8,
        signal: controller.signal,
        onProgress: (e) => e.type === 'running' && ++running === 2 && controller.abort(),
      }),
    );
    expect(cancelled.sort()).toEqual(['job-1', 'job-2']);
    expect(error.cancellations.map((c) => c.handle?.id).sort()).toEqual(['job-1', 'job-2']);
    // Ids are for the log and the handles, not the message.
    expect(error.message).toMatch(/2 jobs on test had already started/);
    expect(error.message).not.toMatch(/job-\d/);
  });
});

describe('resumeEdit', () => {
  it('picks up a job from a persisted handle', async () => {
    const { jobs } = createJobs();
    const handle: JobHandle = JSON.parse(
      JSON.stringify({
        provider: 'test',
        model: 'test-model',
        id: 'job-7',
        data: { n: 3 },
        createdAt: '2024-01-01T00:00:00Z',
      }),
    );
    const events: EditProgressEvent[] = [];
    const result = await resumeEdit({
      provider: createTestProvider({ jobs }),
      handle,
      onProgress: (e) => events.push(e),
    });
    expect(result).toMatchObject({ provider: 'test', model: 'test-model', requestId: 'job-7' });
    expect(result.images).toHaveLength(3);
    expect(events.filter((e) => e.type === 'image-done')).toHaveLength(3);
  });

  it('cancels the resumed job on abort', async () => {
    const { jobs, cancelled } = createJobs({ hang: true });
    const controller = new AbortController();
    const handle = {
      provider: 'test',
      model: 'test-model',
      id: 'job-9',
      data: { n: 1 },
      createdAt: '',
    };
    const resumed = resumeEdit({
      provider: createTestProvider({ jobs }),
      handle,
      signal: controller.signal,
      onProgress: (e) => e.type === 'running' && controller.abort(),
    });
    await expect(resumed).rejects.toMatchObject({ code: 'cancelled' });
    expect(cancelled).toEqual(['job-9']);
  });

  it('refuses a handle from another provider, or a provider without jobs', async () => {
    const handle = { provider: 'queue', model: 'm', id: 'j', data: {}, createdAt: '' };
    await expect(
      resumeEdit({ provider: createTestProvider({ jobs: createJobs().jobs }), handle }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'This job belongs to queue, not test. Resume it with the provider that started it.',
    });
    await expect(
      resumeEdit({ provider: createTestProvider(), handle: { ...handle, provider: 'test' } }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('has no long jobs'),
    });
  });
});
