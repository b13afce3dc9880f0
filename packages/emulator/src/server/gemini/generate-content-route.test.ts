import { describe, expect, it } from 'vitest';
import { parseFaultRules } from '../../faults/fault-rule.js';
import { useEmulator } from '../../test-support/emulator.js';
import { leftHalfMask, pixels, solid } from '../../test-support/images.js';

const emulator = useEmulator({ apiKey: 'g-key' });
const image = (bytes: Buffer) => ({
  inline_data: { mime_type: 'image/png', data: bytes.toString('base64') },
});
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${emulator().url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const generate = (model: string, parts: unknown[], extra: Record<string, unknown> = {}) =>
  post(
    `/v1beta/models/${model}:generateContent`,
    { contents: [{ role: 'user', parts }], ...extra },
    { 'x-goog-api-key': 'g-key' },
  );

describe('POST …/models/{model}:generateContent', () => {
  it('takes the key as ?key= and snake_case fields, and edits under a mask sent as an instruction image', async () => {
    const red = await solid(64, 64, [255, 0, 0]);
    const res = await post('/v1beta/models/gemini-3.1-flash-image:generateContent?key=g-key', {
      contents: [
        {
          parts: [
            { text: 'invert' },
            image(red),
            { text: 'The next image is a mask: edit only where it is transparent.' },
            image(await leftHalfMask(64, 64)),
          ],
        },
      ],
      generation_config: { response_modalities: ['IMAGE'], image_config: { aspect_ratio: '1:1' } },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    const parts = body.candidates[0].content.parts;
    expect(parts).toHaveLength(1);
    const out = await pixels(Buffer.from(parts[0].inlineData.data, 'base64'));
    expect([out.width, out.height]).toEqual([1024, 1024]);
    expect(out.at(100, 500).slice(0, 3)).toEqual([0, 255, 255]);
    expect(out.at(900, 500).slice(0, 3)).toEqual([255, 0, 0]);
    expect(body.candidates[0].finishReason).toBe('STOP');
    expect(body.usageMetadata.candidatesTokensDetails).toEqual([
      { modality: 'IMAGE', tokenCount: 1120 },
    ]);
  });

  it('answers the Vertex AI path with a Bearer token, at 2K', async () => {
    const res = await post(
      '/v1/projects/demo/locations/global/publishers/google/models/gemini-3-pro-image:generateContent',
      {
        contents: [
          { role: 'user', parts: [{ text: 'sepia' }, image(await solid(48, 64, [9, 9, 9]))] },
        ],
        generationConfig: { imageConfig: { imageSize: '2K' } },
      },
      { authorization: 'Bearer g-key' },
    );
    expect(res.status).toBe(200);
    const parts = (await res.json()).candidates[0].content.parts;
    const out = await pixels(Buffer.from(parts[1].inlineData.data, 'base64'));
    expect([out.width, out.height]).toEqual([1792, 2400]);
  });

  it('blocks a prompt (promptFeedback.blockReason) or withholds the image (IMAGE_SAFETY) when asked', async () => {
    const photo = await solid(16, 16, [1, 2, 3]);
    const blocked = await (
      await generate('gemini-3-pro-image', [{ text: 'something unsafe' }, image(photo)])
    ).json();
    expect(blocked.candidates).toBeUndefined();
    expect(blocked.promptFeedback.blockReason).toBe('SAFETY');
    const filtered = await (
      await generate('gemini-3-pro-image', [{ text: 'nsfw please' }, image(photo)])
    ).json();
    expect(filtered.candidates[0]).toMatchObject({ finishReason: 'IMAGE_SAFETY' });
    expect(filtered.candidates[0].content).toBeUndefined();
  });

  it('refuses in Google’s envelope: unknown model, bad image size, missing and wrong key', async () => {
    const photo = await solid(16, 16, [1, 2, 3]);
    const unknown = await generate('gemini-2.0-flash', [{ text: 'x' }, image(photo)]);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const size = await generate('gemini-2.5-flash-image', [{ text: 'x' }, image(photo)], {
      generationConfig: { imageConfig: { imageSize: '2K' } },
    });
    expect(size.status).toBe(400);
    expect((await size.json()).error.status).toBe('INVALID_ARGUMENT');
    const missing = await post('/v1beta/models/gemini-3-pro-image:generateContent', {});
    expect(missing.status).toBe(403);
    const wrong = await post(
      '/v1beta/models/gemini-3-pro-image:generateContent',
      {},
      { 'x-goog-api-key': 'no' },
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details[0]).toMatchObject({ reason: 'API_KEY_INVALID' });
  });

  it('answers a RESOURCE_EXHAUSTED fault with RetryInfo in the body and no Retry-After header', async () => {
    emulator().setFaults([
      { route: 'gemini.generateContent', status: 429, retryDelay: '0.5s', times: 1 },
    ]);
    const photo = await solid(16, 16, [1, 2, 3]);
    const limited = await generate('gemini-3-pro-image', [{ text: 'blur' }, image(photo)]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    const { error } = await limited.json();
    expect(error.status).toBe('RESOURCE_EXHAUSTED');
    expect(
      error.details.find((d: { '@type': string }) => d['@type'].endsWith('RetryInfo')),
    ).toEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '0.5s',
    });
    expect((await generate('gemini-3-pro-image', [{ text: 'blur' }, image(photo)])).status).toBe(
      200,
    );
  });

  it('lists models at GET /v1beta/models', async () => {
    const res = await fetch(`${emulator().url}/v1beta/models`, {
      headers: { 'x-goog-api-key': 'g-key' },
    });
    const { models } = await res.json();
    expect(models.map((m: { name: string }) => m.name)).toContain('models/gemini-3-pro-image');
  });
});

describe('the retryDelay fault field', () => {
  it('takes a protobuf duration and refuses anything else', () => {
    expect(
      parseFaultRules('{"route":"gemini.generateContent","status":429,"retryDelay":"1.5s"}'),
    ).toHaveLength(1);
    expect(() => parseFaultRules('{"route":"gemini.generateContent","retryDelay":"12"}')).toThrow(
      /retryDelay/,
    );
  });
});
