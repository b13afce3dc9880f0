import { type EditProgressEvent, editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chatRequests,
  editRequests,
  providerFor,
  startTestEmulator,
  testApiKey,
} from './__fixtures__/emulator-fixture.js';
import { rejection } from './__fixtures__/rejection.js';
import { leftHalfMask, solidPng } from './__fixtures__/test-images.js';

let emulator: Emulator;
let red: Buffer;
let blue: Buffer;

async function pixel(bytes: Uint8Array, x: number, y: number) {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [data[i], data[i + 1], data[i + 2], data[i + 3]];
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  red = await solidPng(64, 64, [200, 40, 40]);
  blue = await solidPng(64, 64, [30, 60, 220]);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const chatProvider = (config = {}) => providerFor(emulator, { wire: 'chat', ...config });

describe('the chat wire against the emulator', () => {
  it('edits two inputs under a mask through /chat/completions (message.images)', async () => {
    const result = await editImage({
      provider: chatProvider(),
      model: 'gpt-image-2',
      prompt: 'invert it',
      images: [red, blue],
      mask: await leftHalfMask(64, 64),
    });
    expect(result.images).toHaveLength(1);
    // Left half: the red input, inverted under the mask's transparent half; right half: blue, kept.
    expect(await pixel(result.images[0]!.data, 8, 32)).toEqual([55, 215, 215, 255]);
    expect(await pixel(result.images[0]!.data, 56, 32)).toEqual([30, 60, 220, 255]);
    expect(result.images[0]!.revisedPrompt).toBe(
      'Here is the edited image: I inverted the colours.',
    );
    expect(result.usage?.totalTokens).toBeGreaterThan(0);
    const [request] = chatRequests(emulator);
    expect(request?.headers.authorization).toBe(`Bearer ${testApiKey}`);
    expect(result.requestId).toBe(request?.requestId);
    expect(editRequests(emulator)).toHaveLength(0);
  });

  it('reads a markdown data URL in the content, and a markdown link through the guarded download', async () => {
    for (const model of [
      'retouch-emulator/chat-image-markdown',
      'retouch-emulator/chat-image-markdown-url',
    ]) {
      const result = await editImage({
        provider: chatProvider(),
        model,
        prompt: 'make it grayscale',
        images: red,
      });
      const [r, g, b] = await pixel(result.images[0]!.data, 32, 32);
      expect(r === g && g === b, model).toBe(true);
      expect(result.images[0]!.revisedPrompt).toBe(
        'Here is the edited image: I made it grayscale.',
      );
    }
    // The served file came from the base URL's origin, so the key went along; nothing else did.
    const download = emulator.requests.find((request) => request.route === 'files');
    expect(download?.headers.authorization).toBe(`Bearer ${testApiKey}`);
  });

  it('ends a text-only answer in invalid_response that quotes the model', async () => {
    const error = await rejection(
      editImage({
        provider: chatProvider(),
        model: 'retouch-emulator/chat-text-only',
        prompt: 'invert',
        images: red,
        maxRetries: 0,
      }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain(
      'The model said: "I can\'t edit this image: this is a text-only model',
    );
    expect(chatRequests(emulator)).toHaveLength(1);
  });

  it('streams: each image arrives as a preview before the answer ends', async () => {
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: chatProvider(),
      model: 'gpt-image-2',
      prompt: 'sepia',
      images: red,
      partialImages: 1,
      onProgress: (event) => events.push(event),
    });
    const previews = events.filter((event) => event.type === 'partial-image');
    expect(previews).toHaveLength(1);
    expect(
      Buffer.compare(
        Buffer.from((previews[0] as { image: Uint8Array }).image),
        result.images[0]!.data,
      ),
    ).toBe(0);
    expect(chatRequests(emulator)[0]?.headers.accept).toContain('text/event-stream');
    expect(result.usage?.totalTokens).toBeGreaterThan(0);
  });

  it('sends n to a model declared to take it, and splits n for one that is not', async () => {
    const declared = await editImage({
      provider: chatProvider({
        models: [{ id: 'gateway/multi', capabilities: { maxImagesPerCall: 2 } }],
      }),
      model: 'gateway/multi',
      prompt: 'a sunny day',
      images: red,
      n: 2,
    });
    expect(declared.images).toHaveLength(2);
    expect(declared.calls).toHaveLength(1);
    emulator.reset();
    const split = await editImage({
      provider: chatProvider(),
      model: 'gpt-image-2',
      prompt: 'blur',
      images: red,
      n: 2,
    });
    expect(split.images).toHaveLength(2);
    expect(chatRequests(emulator)).toHaveLength(2);
  });

  it('drops images-API options with a warning instead of sending them', async () => {
    const result = await editImage({
      provider: chatProvider(),
      model: 'gpt-image-2',
      prompt: 'blur',
      images: red,
      size: '1024x1024',
      quality: 'high',
    });
    expect(
      result.warnings.map((warning) => warning.type === 'unsupported-option' && warning.option),
    ).toEqual(['size', 'quality']);
  });

  it('retries a 503 from the chat route, and falls back when the gateway refuses to stream', async () => {
    emulator.setFaults([
      { route: 'chat.completions', status: 503, times: 1 },
      {
        route: 'chat.completions',
        afterRequests: 1,
        times: 1,
        status: 400,
        body: {
          error: {
            message: 'stream is not supported',
            param: 'stream',
            type: 'invalid_request_error',
          },
        },
      },
    ]);
    const result = await editImage({
      provider: chatProvider(),
      model: 'gpt-image-2',
      prompt: 'invert',
      images: red,
      partialImages: 1,
    });
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContainEqual(expect.objectContaining({ type: 'fallback' }));
    expect(chatRequests(emulator).map((request) => request.status)).toEqual([503, 400, 200]);
  });

  it('uses the chat wire for a model whose data says so, with the images wire as the default', async () => {
    const provider = providerFor(emulator);
    const wires = Object.fromEntries(provider.models.map((model) => [model.id, model.wire]));
    expect(wires['gpt-image-2']).toBe('images');
    expect(wires['google/gemini-2.5-flash-image']).toBe('chat');
  });
});
