import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeHost,
  openAIProvider,
  png,
  startSessionEmulator,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import { checkInputs } from './check-inputs.js';

let emulator: Emulator;
let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  emulator = await startSessionEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.remove());

describe('checkInputs', () => {
  it('passes images the model takes, and sends nothing', async () => {
    const images = await writeImages(folder.dir, ['a.png', 'b.png']);
    const check = await checkInputs(nodeHost(folder.dir), {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      images,
    });
    expect(check).toEqual({ ok: true });
    expect(emulator.requests).toHaveLength(0);
  });

  it('offers another model when one could take the inputs, and not when the file is at fault', async () => {
    const images = [join(folder.dir, 'a.png'), join(folder.dir, 'b.png')];
    for (const [index, image] of images.entries()) await writeFile(image, png(index + 1, 64, 64));
    const host = nodeHost(folder.dir);
    const provider = openAIProvider(emulator);
    const tooMany = await checkInputs(host, { provider, model: 'dall-e-2', images });
    expect(tooMany).toMatchObject({
      ok: false,
      advice: {
        title: 'dall-e-2 cannot edit these images.',
        actions: ['select-model', 'show-log'],
      },
    });
    // Each on its own is fine for the same model.
    expect(await checkInputs(host, { provider, model: 'dall-e-2', images, each: true })).toEqual({
      ok: true,
    });
    const broken = join(folder.dir, 'broken.png');
    await writeFile(broken, 'not an image at all');
    const notAnImage = await checkInputs(host, {
      provider,
      model: 'gpt-image-1',
      images: [broken],
    });
    expect(notAnImage).toMatchObject({
      ok: false,
      advice: { title: 'Retouch cannot use broken.png.', actions: ['show-log'], exitCode: 2 },
    });
  });

  it('checks the inputs as they are with keepInput, and as they would be prepared without', async () => {
    // A square JPEG for dall-e-2, which takes PNG only: prepared, it is converted and goes.
    const photo = join(folder.dir, 'photo.jpg');
    await writeFile(
      photo,
      await sharp({
        create: { width: 64, height: 64, channels: 3, background: { r: 30, g: 120, b: 200 } },
      })
        .jpeg()
        .toBuffer(),
    );
    const host = nodeHost(folder.dir);
    const provider = openAIProvider(emulator);
    const request = { provider, model: 'dall-e-2', images: [photo] };
    expect(await checkInputs(host, request)).toEqual({ ok: true });
    const kept = await checkInputs(host, { ...request, keepInput: true });
    expect(kept).toMatchObject({ ok: false, advice: { title: 'dall-e-2 cannot edit photo.jpg.' } });
    expect(kept.ok ? [] : kept.advice.problems).toEqual([
      'photo.jpg is image/jpeg; allowed: image/png',
    ]);
    expect(emulator.requests).toHaveLength(0);
  });
});
