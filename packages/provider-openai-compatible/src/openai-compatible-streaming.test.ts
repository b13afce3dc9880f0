import { type EditProgressEvent, editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { editRequests, providerFor, startTestEmulator } from './__fixtures__/emulator-fixture.js';
import { rejection } from './__fixtures__/rejection.js';
import { solidPng } from './__fixtures__/test-images.js';

let emulator: Emulator;
let red: Buffer;

beforeAll(async () => {
  emulator = await startTestEmulator();
  red = await solidPng(64, 64, [200, 40, 40]);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const partials = (events: EditProgressEvent[]) =>
  events.filter(
    (event): event is Extract<EditProgressEvent, { type: 'partial-image' }> =>
      event.type === 'partial-image',
  );

describe('streaming partial images', () => {
  it('turns image_edit.partial_image events into progress with decodable previews', async () => {
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: red,
      partialImages: 2,
      onProgress: (event) => events.push(event),
    });
    const previews = partials(events);
    expect(previews.map((event) => event.index)).toEqual([0, 1]);
    for (const preview of previews) {
      // gpt-image-1 answers the square input at its 1024x1024 preset.
      expect((await sharp(preview.image).metadata()).width).toBe(1024);
    }
    expect(result.images).toHaveLength(1);
    expect(result.usage?.totalTokens).toBeGreaterThan(0);
    expect(editRequests(emulator)[0]?.headers.accept).toContain('text/event-stream');
  });

  it('streams with a JSON body too', async () => {
    const events: EditProgressEvent[] = [];
    await editImage({
      provider: providerFor(emulator, { bodyMode: 'json' }),
      model: 'gpt-image-1.5',
      prompt: 'sepia',
      images: red,
      partialImages: 1,
      onProgress: (event) => events.push(event),
    });
    expect(partials(events)).toHaveLength(1);
  });

  it('falls back once to a plain request when the gateway rejects `stream`, with a warning', async () => {
    emulator.setFaults([
      {
        route: 'images.edits',
        times: 1,
        status: 400,
        body: {
          error: {
            message: 'Unrecognized request argument supplied: stream',
            type: 'invalid_request_error',
            param: 'stream',
            code: 'unknown_parameter',
          },
        },
      },
    ]);
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: red,
      partialImages: 2,
      onProgress: (event) => events.push(event),
    });
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ type: 'fallback', message: expect.stringMatching(/stream/) }),
    );
    expect(partials(events)).toHaveLength(0);
    const requests = editRequests(emulator);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers.accept).toBe('application/json');
  });

  it('does not fall back for a 400 about something else', async () => {
    emulator.setFaults([
      {
        route: 'images.edits',
        times: 1,
        status: 400,
        body: {
          error: {
            message: 'Invalid quality',
            type: 'invalid_request_error',
            param: 'quality',
            code: null,
          },
        },
      },
    ]);
    await expect(
      editImage({
        provider: providerFor(emulator),
        model: 'gpt-image-1',
        prompt: 'x',
        images: red,
        partialImages: 1,
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(editRequests(emulator)).toHaveLength(1);
  });

  it('stops mid-stream on abort: cancelled, no retry', async () => {
    emulator.setFaults([{ route: 'images.edits', slowStreamMs: 500 }]);
    const controller = new AbortController();
    const started = performance.now();
    const error = await rejection(
      editImage({
        provider: providerFor(emulator),
        model: 'gpt-image-1',
        prompt: 'make it grayscale',
        images: red,
        partialImages: 3,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type === 'partial-image') controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    // The remaining slow events (2 partials + the final image) were not waited for.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(editRequests(emulator)).toHaveLength(1);
  });
});
