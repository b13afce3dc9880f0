import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from 'retouch-emulator';
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
});
