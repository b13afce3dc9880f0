import { ApiError, GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../test-support/emulator.js';
import { pixels, solid } from '../../test-support/images.js';

const emulator = useEmulator({ apiKey: 'gemini-sdk-key' });
const client = (apiKey = 'gemini-sdk-key') =>
  new GoogleGenAI({ apiKey, httpOptions: { baseUrl: emulator().url } });

describe('the official @google/genai SDK against the emulator', () => {
  it('edits an image: inline image in, an edited image of the asked aspect ratio and size out', async () => {
    const photo = await solid(64, 48, [200, 40, 40]);
    const response = await client().models.generateContent({
      model: 'gemini-3-pro-image',
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'make it grayscale' },
            { inlineData: { mimeType: 'image/png', data: photo.toString('base64') } },
          ],
        },
      ],
      config: {
        responseModalities: ['TEXT', 'IMAGE'],
        imageConfig: { aspectRatio: '16:9', imageSize: '1K' },
      },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    const image = parts.find((part) => part.inlineData)?.inlineData;
    expect(image?.mimeType).toBe('image/png');
    const out = await pixels(Buffer.from(image!.data!, 'base64'));
    expect([out.width, out.height]).toEqual([1376, 768]);
    const [r, g, b] = out.at(10, 10);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(response.text).toBe('Here is the edited image.');
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(1000);
    const sent = emulator().requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-3-pro-image:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe('gemini-sdk-key');
  });

  it('surfaces a wrong key and a quota refusal as ApiErrors carrying Google’s envelope', async () => {
    const photo = await solid(32, 32, [0, 0, 255]);
    const request = {
      model: 'gemini-2.5-flash-image',
      contents: [
        { text: 'invert' },
        { inlineData: { mimeType: 'image/png', data: photo.toString('base64') } },
      ],
    };
    const wrongKey = await client('nope')
      .models.generateContent(request)
      .catch((e) => e);
    expect(wrongKey).toBeInstanceOf(ApiError);
    expect(wrongKey.status).toBe(400);
    expect(JSON.parse(wrongKey.message).error.details[0].reason).toBe('API_KEY_INVALID');

    emulator().setFaults([{ route: 'gemini.generateContent', status: 429, retryDelay: '7s' }]);
    const limited = await client()
      .models.generateContent({
        ...request,
        config: { httpOptions: { retryOptions: { attempts: 1 } } },
      })
      .catch((e) => e);
    expect(limited).toBeInstanceOf(ApiError);
    expect(limited.status).toBe(429);
    const body = JSON.parse(limited.message);
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '7s',
    });
  });

  it('lists the image models with models.list', async () => {
    const pager = await client().models.list();
    const names = pager.page.map((model) => model.name);
    expect(names).toEqual(
      expect.arrayContaining(['models/gemini-3-pro-image', 'models/gemini-3.1-flash-image']),
    );
  });
});
