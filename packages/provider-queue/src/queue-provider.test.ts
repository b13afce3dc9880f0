import { editImage, resumeEdit } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  editCall,
  firstPixel,
  progressRecorder,
  queueProviderFor,
  routesSeen,
  solidPng,
  startQueueEmulator,
  testKey,
} from './__fixtures__/queue-test-setup.js';

let emulator: Emulator;
/**
 * One worker, so the calls of one edit queue behind each other and report positions; jobs of 1 s,
 * whose log line comes half-way, so a poller sees a running job with its log however busy the
 * machine is (with 150 ms jobs, a poll could fall before the line and the next after the end).
 */
let queueing: Emulator;
beforeAll(async () => {
  emulator = await startQueueEmulator({ workers: 1 });
  queueing = await startQueueEmulator({ workers: 1, jobDurationMs: 1_000 });
});
afterEach(() => {
  emulator.reset();
  queueing.reset();
});
afterAll(() => Promise.all([emulator.close(), queueing.close()]));

const oneImagePerCall = {
  models: [{ id: 'gpt_image_1_edit', capabilities: { maxImagesPerCall: 1 } }],
};

describe.each([
  {
    mode: 'server-sent events',
    sse: true,
    statusRoute: 'queue.status.stream',
    otherRoute: 'queue.status',
  },
  { mode: 'polling', sse: false, statusRoute: 'queue.status', otherRoute: 'queue.status.stream' },
])('an edit followed by $mode', ({ sse, statusRoute, otherRoute }) => {
  it('returns the edited images and reports queue positions, running and logs', async () => {
    // Polling on the blind schedule: once a model's run time is learned (the SSE case teaches
    // it), a running job is checked only when it should be done, and its log line may go unseen.
    const provider = queueProviderFor(queueing, {
      sse,
      ...oneImagePerCall,
      ...(sse ? {} : { poll: { learn: false } }),
    });
    const progress = progressRecorder();
    const result = await editImage({
      provider,
      model: 'gpt_image_1_edit',
      prompt: 'grayscale',
      images: await solidPng(),
      n: 3,
      onProgress: progress.onProgress,
    });

    expect(result.images).toHaveLength(3);
    for (const image of result.images) {
      const pixel = await firstPixel(image.data);
      expect(pixel.r).toBe(pixel.g);
      expect(pixel.g).toBe(pixel.b);
    }
    expect(result.calls.map((call) => call.requestId)).toEqual(
      expect.arrayContaining([...queueing.jobs.keys()]),
    );
    const types = progress.events.map((event) => event.type);
    expect(types).toContain('job-started');
    expect(types).toContain('running');
    const positions = progress.events.flatMap((e) =>
      e.type === 'queued' && e.position ? [e.position] : [],
    );
    expect(Math.max(...positions)).toBeGreaterThanOrEqual(1);
    const logs = progress.events.flatMap((e) => (e.type === 'running' ? (e.logs ?? []) : []));
    expect(logs.some((line) => line.includes('Editing image'))).toBe(true);

    const routes = routesSeen(queueing);
    expect(routes).toContain(statusRoute);
    expect(routes).not.toContain(otherRoute);
    expect(routes.filter((r) => r === 'queue.submit')).toHaveLength(3);
  });
});

describe('requests on the wire', () => {
  it('sends seeds/004 field names, inline data URIs and the configured auth style', async () => {
    const provider = queueProviderFor(emulator, { authStyle: 'bearer' });
    await editImage({
      provider,
      model: 'gpt_image_1_edit',
      prompt: 'invert',
      images: await solidPng(),
    });
    const submit = emulator.requests.find((r) => r.route === 'queue.submit');
    expect(submit?.path).toBe('/v1/queue/gpt_image_1_edit');
    expect(emulator.requests.every((r) => r.headers.authorization === `Bearer ${testKey}`)).toBe(
      true,
    );
    const job = [...emulator.jobs.values()][0]!;
    expect((job.input as { imageRefs: string[] }).imageRefs[0]).toMatch(/^data:image\/png;base64,/);
  });

  it("sends fal's Key auth by default and works with fal-style endpoint ids with sub-paths", async () => {
    const provider = queueProviderFor(emulator, { baseURL: emulator.url });
    const result = await editImage({
      provider,
      model: 'fal-ai/gpt-image-1/edit-image',
      prompt: 'invert',
      images: await solidPng(),
    });
    expect(result.images).toHaveLength(1);
    expect(result.warnings.map((w) => w.type)).toContain('unknown-model');
    expect(emulator.requests[0]?.path).toBe('/fal-ai/gpt-image-1/edit-image');
    expect(emulator.requests.every((r) => r.headers.authorization === `Key ${testKey}`)).toBe(true);
  });

  it('hands large inputs to the upload hook and sends the URL it returns', async () => {
    const uploaded: string[] = [];
    const provider = queueProviderFor(emulator, {
      uploadMinBytes: 1,
      upload: async (file, signal) => {
        expect(signal).toBeInstanceOf(AbortSignal);
        uploaded.push(file.filename);
        return `data:${file.mediaType};base64,${Buffer.from(await file.bytes()).toString('base64')}#uploaded`;
      },
    });
    await editImage({
      provider,
      model: 'gpt_image_1_edit',
      prompt: 'sepia',
      images: await solidPng(),
    });
    expect(uploaded).toHaveLength(1);
    const job = [...emulator.jobs.values()][0]!;
    expect((job.input as { imageRefs: string[] }).imageRefs[0]).toMatch(/#uploaded$/);
  });
});

describe('the upload hook', () => {
  it('must return a URL, or the edit fails before anything is submitted', async () => {
    const provider = queueProviderFor(emulator, { upload: async () => '/tmp/not-a-url.png' });
    const error = await editImage({
      provider,
      model: 'gpt_image_1_edit',
      prompt: 'sepia',
      images: await solidPng(),
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(error.message).toMatch(/upload hook/);
    expect(routesSeen(emulator)).not.toContain('queue.submit');
  });
});

describe('resume', () => {
  it('continues a job from a JSON round-tripped handle in a new provider instance', async () => {
    const first = queueProviderFor(emulator);
    const handle = await first.jobs!.start(await editCall({ prompt: 'invert' }));
    const stored = JSON.parse(JSON.stringify(handle));

    const progress = progressRecorder();
    const result = await resumeEdit({
      provider: queueProviderFor(emulator, { sse: false }),
      handle: stored,
      onProgress: progress.onProgress,
    });
    expect(result.images).toHaveLength(1);
    expect(result.requestId).toBe(handle.id);
    const pixel = await firstPixel(result.images[0]!.data);
    expect(pixel).toEqual({ r: 55, g: 215, b: 215 });
  });

  it('fetches the result straight away when the job completed meanwhile', async () => {
    const handle = await queueProviderFor(emulator).jobs!.start(await editCall());
    const deadline = Date.now() + 5_000;
    while (emulator.jobs.get(handle.id)?.status !== 'COMPLETED' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    emulator.requests.length = 0;

    const result = await resumeEdit({
      provider: queueProviderFor(emulator),
      handle: JSON.parse(JSON.stringify(handle)),
    });
    expect(result.images).toHaveLength(1);
    expect(routesSeen(emulator).filter((r) => r.startsWith('queue.'))).toEqual([
      'queue.status.stream',
      'queue.result',
    ]);
  });
});
