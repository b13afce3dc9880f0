import { describe, expect, it } from 'vitest';
import type { EditProgressEvent } from '../contract/progress.js';
import { RetouchError } from '../errors/retouch-error.js';
import { createTestProvider, imagesFor, png, testModels } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';

const photo = await png(64, 48);

describe('editImage', () => {
  it('reports every invalid option at once and never calls the provider', async () => {
    const provider = createTestProvider();
    const mask = await png(10, 10, true);
    const error = await editImage({
      provider,
      model: 'test-model',
      prompt: '',
      images: photo,
      mask,
      n: 11,
      quality: 'ultra',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetouchError);
    expect(error).toMatchObject({ code: 'invalid_request', provider: 'test' });
    expect((error as RetouchError).issues.map((i) => i.field)).toEqual([
      'prompt',
      'n',
      'quality',
      'mask',
    ]);
    expect((error as RetouchError).message).toContain('mask.png is 10x10 but image-1.png is 64x48');
    expect(provider.calls).toEqual([]);
  });

  it('reports unreadable inputs together with the other problems', async () => {
    const provider = createTestProvider();
    const error = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: [photo, '/definitely/missing.png', new TextEncoder().encode('plain text')],
      n: 0,
    }).then(
      () => undefined,
      (e: unknown) => e as RetouchError,
    );
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(error?.issues).toEqual([
      { field: 'images[1]', message: '/definitely/missing.png does not exist: check the path.' },
      {
        field: 'images[2]',
        message: 'is not an image: Retouch reads PNG, JPEG, WebP, GIF, HEIC, AVIF, TIFF and BMP.',
      },
      // Counted as the user gave them, readable or not.
      { field: 'images', message: 'has 3 images; test-model takes at most 2' },
      { field: 'n', message: 'is 0; allowed: a whole number from 1 to 10' },
    ]);
    expect(provider.calls).toEqual([]);
  });

  it('reports a lone unreadable input once, without also calling the request empty', async () => {
    const provider = createTestProvider();
    await expect(
      editImage({
        provider,
        model: 'test-model',
        prompt: 'x',
        images: new TextEncoder().encode('plain text'),
      }),
    ).rejects.toMatchObject({
      issues: [
        {
          field: 'images[0]',
          message: 'is not an image: Retouch reads PNG, JPEG, WebP, GIF, HEIC, AVIF, TIFF and BMP.',
        },
      ],
    });
    expect(provider.calls).toEqual([]);
  });

  it('explains a missing provider instead of failing with a TypeError', async () => {
    await expect(
      editImage({ provider: undefined as never, model: 'm', prompt: 'x', images: photo }),
    ).rejects.toMatchObject({ code: 'invalid_request', issues: [{ field: 'provider' }] });
  });

  it('refuses a provider written for another contract version, saying what to install', async () => {
    const future = { ...createTestProvider(), specificationVersion: 'v2' } as never;
    await expect(
      editImage({ provider: future, model: 'test-model', prompt: 'x', images: [photo] }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/contract version v2.*peer dependencies/),
    });
  });

  it('refuses a provider that can neither edit nor run jobs, naming what is missing', async () => {
    const { edit: _edit, ...noEdit } = createTestProvider();
    const halfJobs = { ...noEdit, jobs: { start: async () => ({}) } } as never;
    for (const [provider, missing] of [
      [noEdit, 'neither edit nor jobs'],
      [halfJobs, 'jobs.watch, jobs.result, jobs.cancel missing'],
    ] as const) {
      await expect(
        editImage({ provider: provider as never, model: 'test-model', prompt: 'x', images: photo }),
      ).rejects.toMatchObject({
        code: 'invalid_request',
        issues: [{ field: 'provider', message: missing }],
      });
    }
  });

  it('lists the available models for an unknown id', async () => {
    await expect(
      editImage({ provider: createTestProvider(), model: 'nope', prompt: 'x', images: photo }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'test has no model "nope". Available: test-model, plain-model.',
    });
  });

  it('uses describeModel for an unlisted id and warns about it', async () => {
    const provider = createTestProvider({
      describeModel: (id) => ({ model: { ...testModels[0]!, id } }),
    });
    const result = await editImage({ provider, model: 'gateway/flux', prompt: 'x', images: photo });
    expect(result.model).toBe('gateway/flux');
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unknown-model', model: 'gateway/flux' }),
    ]);
  });

  it('splits n over calls of at most maxImagesPerCall and reports each image', async () => {
    const provider = createTestProvider();
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider,
      model: 'test-model',
      prompt: 'sepia',
      images: photo,
      n: 10,
      onProgress: (event) => events.push(event),
    });
    expect(provider.calls.map((call) => call.n)).toEqual([4, 4, 2]);
    expect(result.images).toHaveLength(10);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png', width: 8, height: 6 });
    expect(result.calls).toHaveLength(3);
    expect(events[0]).toEqual({ type: 'validated', calls: 3 });
    const done = events
      .filter((e) => e.type === 'image-done')
      .map((e) => (e.type === 'image-done' ? e.index : -1));
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const provider = createTestProvider({
      edit: async (call) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return imagesFor(call);
      },
    });
    await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      n: 10,
      concurrency: 2,
    });
    expect(peak).toBe(2);
  });

  it('passes only the options the user set, and drops unsupported ones with a warning', async () => {
    const provider = createTestProvider();
    const result = await editImage({
      provider,
      model: 'plain-model',
      prompt: 'x',
      images: photo,
      quality: 'high',
      outputFormat: 'webp',
    });
    const { signal, onProgress, images, idempotencyKey, ...sent } = provider.calls[0]!;
    expect(sent).toEqual({ model: 'plain-model', prompt: 'x', n: 1, outputFormat: 'webp' });
    expect(result.warnings).toEqual([
      {
        type: 'unsupported-option',
        option: 'quality',
        message: 'plain-model has no quality levels, so quality was ignored.',
      },
    ]);
  });

  it('passes provider progress through with the call index, and keeps provider warnings once', async () => {
    const partial = new Uint8Array(await png(4, 4));
    const fallback = {
      type: 'fallback' as const,
      message: 'The gateway refused stream; sent a plain request.',
    };
    const provider = createTestProvider({
      edit: async (call) => {
        call.onProgress({ type: 'queued', position: 3 });
        call.onProgress({
          type: 'partial-image',
          index: 0,
          image: partial,
          mediaType: 'image/png',
        });
        call.onProgress({ type: 'warning', warning: fallback });
        return { ...(await imagesFor(call)), warnings: [fallback] };
      },
    });
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      partialImages: 1,
      onProgress: (e) => events.push(e),
    });
    expect(provider.calls[0]?.partialImages).toBe(1);
    expect(events).toContainEqual({ type: 'queued', call: 0, position: 3 });
    expect(events).toContainEqual({
      type: 'partial-image',
      call: 0,
      index: 0,
      image: partial,
      mediaType: 'image/png',
    });
    expect(result.warnings).toEqual([fallback]);
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(1);
  });

  it('normalizes the result: sniffed type and size, usage summed, request ids kept', async () => {
    const webp = new Uint8Array(await (await import('sharp')).default(photo).webp().toBuffer());
    let calls = 0;
    const provider = createTestProvider({
      edit: async (call) => ({
        images: Array.from({ length: call.n }, () => ({
          data: webp,
          mediaType: 'image/png',
          revisedPrompt: 'a cat',
        })),
        usage: { inputTokens: 10, outputTokens: 5, details: { image_tokens: 3 } },
        requestId: `req_${++calls}`,
        providerMetadata: { seed: calls },
      }),
    });
    const result = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      n: 5,
      concurrency: 1,
    });
    expect(result.images[0]).toEqual({
      data: webp,
      mediaType: 'image/webp',
      width: 64,
      height: 48,
      revisedPrompt: 'a cat',
    });
    expect(result.usage).toEqual({
      inputTokens: 20,
      outputTokens: 10,
      details: { image_tokens: 6 },
    });
    expect(result.requestId).toBe('req_1');
    expect(result.calls.map((c) => c.requestId)).toEqual(['req_1', 'req_2']);
    expect(result.calls[1]?.providerMetadata).toEqual({ seed: 2 });
  });

  it('turns bytes that are not an image into invalid_response', async () => {
    const provider = createTestProvider({
      edit: async () => ({ images: [{ data: new TextEncoder().encode('<html>oops</html>') }] }),
    });
    await expect(
      editImage({ provider, model: 'test-model', prompt: 'x', images: photo }),
    ).rejects.toMatchObject({
      code: 'invalid_response',
      message: expect.stringContaining('not a PNG, JPEG, WebP or GIF'),
    });
  });
});
