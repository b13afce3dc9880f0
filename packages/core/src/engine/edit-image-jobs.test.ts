import { describe, expect, it } from 'vitest';
import type { JobHandle } from '../contract/job-handle.js';
import type { EditProgressEvent } from '../contract/progress.js';
import type { CancelOutcome, JobStatus, LongJobSteps } from '../contract/provider.js';
import { createTestProvider, imagesFor, png, untilAborted } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';
import { resumeEdit } from './resume-edit.js';

const photo = await png(64, 48);

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
      message: 'The edit was cancelled.',
    });
    expect(cancelled).toEqual(['job-1']);
  });

  it('says so when the job could no longer be cancelled', async () => {
    const { jobs } = createJobs({ hang: true, cancelOutcome: 'too-late' });
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
      message: expect.stringContaining(
        'could not be cancelled there, so it may still finish and be billed',
      ),
    });
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
