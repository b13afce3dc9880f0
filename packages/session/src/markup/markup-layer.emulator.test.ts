import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeOutputFileSystem } from '@retouch/output/node';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  openAIProvider,
  png,
  startSessionEmulator,
  tempFolder,
} from '../__fixtures__/session-fixture.js';
import { createSession } from '../create-session.js';

// 3:2, a frame gpt-image-1 answers as it is: a picture of another shape is padded to fit
// (issue 30), and these tests look at the inputs and results exactly as given.
const W = 72;
const H = 48;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A transparent layer of the image's size with one red box. */
function marksLayer(): Promise<Buffer> {
  const data = Buffer.alloc(W * H * 4);
  for (let y = 10; y < 30; y++) {
    for (let x = 10; x < 30; x++) {
      if (x < 12 || x > 27 || y < 12 || y > 27) data.set([255, 0, 0, 255], (y * W + x) * 4);
    }
  }
  return sharp(data, { raw: { width: W, height: H, channels: 4 } })
    .png()
    .toBuffer();
}

let emulator: Emulator;
let folder: { dir: string; remove(): Promise<void> };
beforeAll(async () => {
  emulator = await startSessionEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  emulator.reset();
  await folder.remove();
});

async function inputs() {
  const photo = join(folder.dir, 'photo.png');
  const copy = join(folder.dir, 'photo.markup.png');
  await writeFile(photo, png(1, W, H));
  await writeFile(copy, png(2, W, H));
  return { photo, copy, layer: await marksLayer() };
}

describe('marks drawn in a painter (a marked-up copy and the layer in memory)', () => {
  it('go to a layer model as the untouched image and the layer, recorded as a layer edit', async () => {
    const { photo, copy, layer } = await inputs();
    const session = createSession({
      fs: nodeOutputFileSystem,
      tool: { name: 'test', version: '0' },
      rescueFolder: join(folder.dir, 'rescued'),
    });
    const plan = await session.plan({
      provider: openAIProvider(emulator),
      model: 'gpt-image-2.6',
      prompt: 'remove this',
      images: [photo],
      markup: copy,
      markupLayer: { data: layer, filename: 'photo.layer.png' },
    });
    const outcome = await session.edit(plan);
    const sent = emulator.requests.filter((request) => request.route === 'images.edits')[0];
    const files = sent?.edit?.files ?? [];
    expect(files.map((file) => file.name)).toEqual(['image', 'markup']);
    expect(files[0]?.sha256).toBe(sha256(await readFile(photo)));
    expect(files[1]?.sha256).toBe(sha256(layer));
    expect(outcome.delivered.markup).toMatchObject({ location: copy, delivery: 'layer' });
    expect(outcome.delivered.markup?.sentPrompt).toMatch(/markup layer/);
  });

  it('go to any other model as the marked-up copy alone', async () => {
    const { photo, copy, layer } = await inputs();
    const session = createSession({
      fs: nodeOutputFileSystem,
      tool: { name: 'test', version: '0' },
      rescueFolder: join(folder.dir, 'rescued'),
    });
    const plan = await session.plan({
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'remove this',
      images: [photo],
      markup: copy,
      markupLayer: { data: layer, filename: 'photo.layer.png' },
    });
    const outcome = await session.edit(plan);
    const files = emulator.requests.find((request) => request.route === 'images.edits')?.edit
      ?.files;
    expect(files?.map((file) => file.name)).toEqual(['image']);
    expect(files?.[0]?.sha256).toBe(sha256(await readFile(copy)));
    expect(outcome.delivered.markup?.delivery).toBe('flattened');
  });

  it('are refused for a batch of each image, before anything is sent', async () => {
    const { photo, layer } = await inputs();
    const session = createSession({
      fs: nodeOutputFileSystem,
      tool: { name: 'test', version: '0' },
      rescueFolder: join(folder.dir, 'rescued'),
    });
    await expect(
      session.plan({
        provider: openAIProvider(emulator),
        model: 'gpt-image-2.6',
        prompt: 'remove this',
        images: [photo],
        each: true,
        markupLayer: { data: layer, filename: 'photo.layer.png' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_request', issues: [{ field: 'markup' }] });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('a signed result', () => {
  it('keeps its record in the store the host names, and nothing beside the image', async () => {
    const { photo } = await inputs();
    const store = join(folder.dir, 'workspace', '.retouch');
    const out = join(folder.dir, 'out');
    emulator.setFaults([{ route: 'images.edits', sign: true }]);
    const session = createSession({
      fs: nodeOutputFileSystem,
      tool: { name: 'test', version: '0' },
      rescueFolder: join(folder.dir, 'rescued'),
      store: () => store,
    });
    const plan = await session.plan({
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'make it sepia',
      images: [photo],
      out,
    });
    const outcome = await session.edit(plan);
    const [output] = outcome.outputs;
    expect(output?.recordIn).toBe('store');
    expect(await readdir(out)).toEqual([output?.name]);
    const written = await readFile(output!.location);
    expect(await readdir(join(store, 'records'))).toEqual([`${sha256(written)}.json`]);
  });
});
