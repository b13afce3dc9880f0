import { editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queueProviderFor, startQueueEmulator } from './__fixtures__/queue-test-setup.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQueueEmulator();
});
afterAll(() => emulator.close());
afterEach(() => emulator.reset());

const W = 64;
const H = 48;

/** Red picture; the mask is transparent (edit here) over its left half only. */
async function pictureAndMask() {
  const image = await sharp({
    create: { width: W, height: H, channels: 3, background: { r: 220, g: 30, b: 30 } },
  })
    .png()
    .toBuffer();
  const alpha = Buffer.alloc(W * H * 4, 255);
  for (let i = 0; i < W * H; i++) if (i % W < W / 2) alpha[i * 4 + 3] = 0;
  const mask = await sharp(alpha, { raw: { width: W, height: H, channels: 4 } })
    .png()
    .toBuffer();
  return { image, mask };
}

/** As fal runs it: fal's storage answers at the emulator too. */
const falMode = () => queueProviderFor(emulator, { inputs: 'upload', storageURL: emulator.url });

const submittedInput = () => JSON.stringify([...emulator.jobs.values()].at(-1)!.input);

describe('fal storage uploads', () => {
  it('uploads the image and the mask through the storage flow and sends only their URLs', async () => {
    const { image, mask } = await pictureAndMask();
    const result = await editImage({
      provider: falMode(),
      model: 'gpt_image_1_edit',
      prompt: 'invert',
      images: { data: image, filename: 'photo.png' },
      mask: { data: mask, filename: 'mask.png' },
    });
    const routes = emulator.requests.map((request) => request.route);
    expect(routes.slice(0, 5)).toEqual([
      'storage.initiate',
      'storage.upload',
      'storage.initiate',
      'storage.upload',
      'queue.submit',
    ]);
    const input = submittedInput();
    expect(input).not.toContain('data:');
    const urls = result.calls[0]!.providerMetadata!.inputUrls as string[];
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      expect(url).toMatch(new RegExp(`^${emulator.url}/files/`));
      expect(input).toContain(url);
    }
    // The uploaded mask still confines the edit: left half inverted, right half untouched.
    const { data } = await sharp(result.images[0]!.data)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
    expect(at(5, 20)[0]).toBeLessThan(80);
    expect(at(60, 20)[0]).toBeGreaterThan(170);
  });

  it('retries an upload the storage refused for a moment, like any request', async () => {
    emulator.setFaults([{ route: 'storage.upload', status: 503, times: 1 }]);
    const { image } = await pictureAndMask();
    const result = await editImage({
      provider: falMode(),
      model: 'gpt_image_1_edit',
      prompt: 'invert',
      images: { data: image, filename: 'photo.png' },
    });
    expect(result.images).toHaveLength(1);
    const uploads = emulator.requests.filter((request) => request.route === 'storage.upload');
    expect(uploads.map((request) => request.status)).toEqual([503, 200]);
    expect(submittedInput()).not.toContain('data:');
  });

  it('keeps data URIs for a server that wants them, and per endpoint', async () => {
    const { image } = await pictureAndMask();
    // A loopback queue server is not fal: inputs go inline unless told otherwise.
    await editImage({
      provider: queueProviderFor(emulator),
      model: 'gpt_image_1_edit',
      prompt: 'invert',
      images: image,
    });
    expect(submittedInput()).toContain('data:image/png;base64,');
    expect(emulator.requests.some((request) => request.route === 'storage.initiate')).toBe(false);
    // fal mode with one endpoint set to data URIs.
    await editImage({
      provider: queueProviderFor(emulator, {
        inputs: 'upload',
        storageURL: emulator.url,
        models: [{ id: 'gpt_image_1_edit', inputs: 'data-uri' }],
      }),
      model: 'gpt_image_1_edit',
      prompt: 'invert',
      images: image,
    });
    expect(submittedInput()).toContain('data:image/png;base64,');
  });

  it('refuses a storage answer whose upload URL is not https, without sending the bytes there', async () => {
    emulator.setFaults([
      {
        route: 'storage.initiate',
        status: 200,
        body: { upload_url: 'http://169.254.169.254/put', file_url: 'https://cdn.example/x.png' },
      },
    ]);
    const { image } = await pictureAndMask();
    await expect(
      editImage({
        provider: falMode(),
        model: 'gpt_image_1_edit',
        prompt: 'invert',
        images: image,
      }),
    ).rejects.toMatchObject({
      code: 'invalid_response',
      message: expect.stringContaining('upload_url'),
    });
    expect(emulator.requests.some((request) => request.route === 'queue.submit')).toBe(false);
  });
});
