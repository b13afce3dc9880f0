import { editImage, isRetouchError, type RetouchError } from '@retouch/core';
import { costOfEdit } from '@retouch/core/cost';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorConfig, startTestEmulator, testApiKey } from './__fixtures__/emulator-fixture.js';
import { createGoogleProvider } from './google-provider.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const solid = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
const leftHalfMask = (width: number, height: number) => {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data[i * 4 + 3] = i % width < width / 2 ? 0 : 255;
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
};
const pixel = async (bytes: Uint8Array, x: number, y: number) => {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 4;
  return [...data.subarray(at, at + 3)];
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the edit to fail');
    },
    (error: unknown) => {
      expect(isRetouchError(error)).toBe(true);
      return error as RetouchError;
    },
  );
const provider = (extra: Record<string, unknown> = {}) =>
  createGoogleProvider(emulatorConfig(emulator.url, extra));
const sentBody = () => emulator.requests.at(-1)!;

describe('google provider against the emulator', () => {
  it('sends a WxH size as imageConfig and returns the image at that size, with usage priced', async () => {
    const result = await editImage({
      provider: provider(),
      model: 'gemini-3-pro-image',
      prompt: 'make it grayscale',
      images: new Uint8Array(await solid(64, 36, '#c83232')),
      size: '2752x1536',
    });
    const [image] = result.images;
    expect([image!.width, image!.height]).toEqual([2752, 1536]);
    expect(image!.revisedPrompt).toBe('Here is the edited image.');
    const [r, g, b] = await pixel(image!.data, 5, 5);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(sentBody().path).toBe('/v1beta/models/gemini-3-pro-image:generateContent');
    expect(sentBody().headers['x-goog-api-key']).toBe(testApiKey);
    const pricing = provider().models.find((m) => m.id === 'gemini-3-pro-image')?.pricing;
    const cost = costOfEdit({ pricing, result });
    // 1120 image tokens at $120/M, a few text tokens and 560 input-image tokens at $2/M.
    expect(cost).toMatchObject({ kind: 'actual', currency: 'USD', basis: 'usage' });
    expect((cost as { amount: number }).amount).toBeCloseTo(0.1344 + 0.00112 + 0.0001, 3);
  });

  it('sends the mask as an instruction image after the inputs, and the edit stays inside it', async () => {
    const result = await editImage({
      provider: provider(),
      model: 'gemini-3.1-flash-image',
      prompt: 'invert',
      images: new Uint8Array(await solid(64, 64, '#ff0000')),
      mask: new Uint8Array(await leftHalfMask(64, 64)),
      size: '1024x1024',
    });
    const data = result.images[0]!.data;
    expect(await pixel(data, 100, 500)).toEqual([0, 255, 255]);
    expect(await pixel(data, 900, 500)).toEqual([255, 0, 0]);
  });

  it('refuses a mask before sending anything when configured with mask: "refuse"', async () => {
    const error = await failure(
      editImage({
        provider: provider({ mask: 'refuse' }),
        model: 'gemini-3-pro-image',
        prompt: 'invert',
        images: new Uint8Array(await solid(64, 64, '#ff0000')),
        mask: new Uint8Array(await leftHalfMask(64, 64)),
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/mask/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('maps a blocked prompt and an IMAGE_SAFETY finish to content_policy, quoting the reason', async () => {
    const images = new Uint8Array(await solid(32, 32, '#00ff00'));
    const blocked = await failure(
      editImage({
        provider: provider(),
        model: 'gemini-3-pro-image',
        prompt: 'an unsafe edit',
        images,
      }),
    );
    expect(blocked.code).toBe('content_policy');
    expect(blocked.retryable).toBe(false);
    expect(blocked.message).toContain('block reason SAFETY');
    const filtered = await failure(
      editImage({ provider: provider(), model: 'gemini-3-pro-image', prompt: 'nsfw', images }),
    );
    expect(filtered.code).toBe('content_policy');
    expect(filtered.message).toContain('finish reason IMAGE_SAFETY');
    expect(filtered.message).toContain('Prohibited Use policy');
    // Neither is retried: the engine sent one request for each.
    expect(emulator.requests).toHaveLength(2);
  });

  it('retries RESOURCE_EXHAUSTED after the RetryInfo delay, not sooner', async () => {
    emulator.setFaults([
      { route: 'gemini.generateContent', status: 429, retryDelay: '0.6s', times: 1 },
    ]);
    const result = await editImage({
      provider: provider(),
      model: 'gemini-3-pro-image',
      prompt: 'blur',
      images: new Uint8Array(await solid(32, 32, '#0000ff')),
      maxRetries: 1,
    });
    expect(result.images).toHaveLength(1);
    const [first, second] = emulator.requests.map((r) => Date.parse(r.timestamp));
    expect(second! - first!).toBeGreaterThanOrEqual(600);

    emulator.setFaults([{ route: 'gemini.generateContent', status: 429, retryDelay: '12s' }]);
    const limited = await failure(
      editImage({
        provider: provider(),
        model: 'gemini-3-pro-image',
        prompt: 'blur',
        images: new Uint8Array(await solid(32, 32, '#0000ff')),
        maxRetries: 0,
      }),
    );
    expect(limited).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 12_000 });
    expect(limited.message).toContain('RESOURCE_EXHAUSTED');
    expect(limited.message).toContain('retry in 12 s');
  });

  it('speaks Vertex AI’s path with a Bearer token when configured with vertex', async () => {
    await editImage({
      provider: createGoogleProvider({
        baseURL: `${emulator.url}/v1`,
        apiKey: testApiKey,
        vertex: { project: 'my-project', location: 'us-central1' },
      }),
      model: 'gemini-3-pro-image',
      prompt: 'sepia',
      images: new Uint8Array(await solid(32, 32, '#336699')),
    });
    const sent = sentBody();
    expect(sent.path).toBe(
      '/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-3-pro-image:generateContent',
    );
    expect(sent.headers.authorization).toBe(`Bearer ${testApiKey}`);
    expect(sent.headers['x-goog-api-key']).toBeUndefined();
  });

  it('skips thought images and says so when the model answers in words only', async () => {
    const draft = (await solid(8, 8, '#ffffff')).toString('base64');
    emulator.setFaults([
      {
        route: 'gemini.generateContent',
        status: 200,
        body: {
          candidates: [
            {
              content: {
                role: 'model',
                parts: [
                  { thought: true, inlineData: { mimeType: 'image/png', data: draft } },
                  { text: 'I cannot change \u001b[31mthis\u001b[0m picture.' },
                ],
              },
              finishReason: 'STOP',
            },
          ],
        },
      },
    ]);
    const error = await failure(
      editImage({
        provider: provider(),
        model: 'gemini-3-pro-image',
        prompt: 'invert',
        images: new Uint8Array(await solid(32, 32, '#336699')),
      }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('The model said: "I cannot change');
    expect(error.message).not.toContain('\u001b');
  });

  it('lists the models the server serves', async () => {
    const models = await provider().listModels!();
    expect(models.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'gemini-3-pro-image',
        'gemini-3.1-flash-image',
        'gemini-2.5-flash-image',
      ]),
    );
  });
});
