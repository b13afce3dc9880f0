import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditedImage } from '@retouch/core';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodedPixels, gifImage, jpegImage, pngImage } from '../__fixtures__/images.js';
import { nodeOutputFileSystem as fs } from '../file-system/node-output-file-system.js';
import { groupEdits } from '../read/group-edits.js';
import { readOutputRecord } from '../read/read-output-record.js';
import type { EditDescription, RecordableResult } from '../record/create-edit-record.js';
import { type DeliverResultsRequest, deliverResults } from './deliver-results.js';
import { deliveryError } from './delivery-error.js';

const secret = 'sk-test-deliver-0123456789';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-deliver-'));
  await writeFile(join(dir, 'photo.png'), 'source bytes');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function result(...images: EditedImage[]): Promise<RecordableResult> {
  return {
    provider: 'openai-compatible',
    model: 'gpt-image-1',
    images,
    calls: [{ requestId: 'req_a' }, { requestId: 'req_b' }],
    usage: { totalTokens: 42 },
    warnings: [{ type: 'other', message: 'partial images were not streamed' }],
  };
}

async function png(): Promise<EditedImage> {
  return { data: await pngImage(), mediaType: 'image/png', width: 48, height: 32 };
}

function edit(overrides: Partial<EditDescription<string>> = {}): EditDescription<string> {
  return {
    editId: 'edit-1',
    tool: { name: '@retouch/cli', version: '1.2.3' },
    prompt: `make it sepia (not ${secret})`,
    baseURL: 'https://user:pw@gw.test/v1?key=abc',
    options: { n: 2, quality: 'high', partialImages: 1 },
    sources: [{ location: join(dir, 'photo.png'), sha256: 'ab'.repeat(32) }],
    ...overrides,
  };
}

function request(
  overrides: Partial<DeliverResultsRequest<string>> & { result: RecordableResult },
): DeliverResultsRequest<string> {
  return {
    fs,
    folder: dir,
    sourceName: 'photo.png',
    edit: edit(),
    rescueFolder: join(dir, 'rescue'),
    secrets: [secret],
    ...overrides,
  };
}

describe('deliverResults', () => {
  it('writes each result with its record inside, and nothing beside it', async () => {
    const delivery = await deliverResults(
      request({ result: await result(await png(), await png()) }),
    );
    expect(delivery.outputs.map((o) => [o.name, o.recordIn, o.rescued])).toEqual([
      ['photo.retouch-1.png', 'image', false],
      ['photo.retouch-2.png', 'image', false],
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      'photo.png',
      'photo.retouch-1.png',
      'photo.retouch-2.png',
    ]);
    const found = await readOutputRecord(fs, join(dir, 'photo.retouch-2.png'));
    expect(found?.from).toBe('image');
    expect(found?.record).toMatchObject({
      schema: 'retouch.edit/v2',
      editId: 'edit-1',
      tool: { name: '@retouch/cli', version: '1.2.3' },
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      endpoint: 'https://gw.test/v1',
      options: { n: 2, quality: 'high' },
      sources: [{ path: 'photo.png', sha256: 'ab'.repeat(32) }],
      output: { file: 'photo.retouch-2.png', index: 1, count: 2, mediaType: 'image/png' },
      requestIds: ['req_a', 'req_b'],
      usage: { totalTokens: 42 },
      warnings: [{ type: 'other', message: 'partial images were not streamed' }],
    });
    expect(found?.record.prompt).toBe('make it sepia (not [redacted])');
    for (const name of await readdir(dir)) {
      expect((await readFile(join(dir, name))).includes(secret)).toBe(false);
    }
    // The image is the same picture.
    expect(await decodedPixels(await readFile(join(dir, 'photo.retouch-1.png')))).toEqual(
      await decodedPixels(await pngImage()),
    );
  });

  it('writes a sidecar as well when asked, and records source paths relative to the results', async () => {
    const folder = join(dir, 'edits');
    const delivery = await deliverResults(
      request({ result: await result(await png()), folder, sidecar: true }),
    );
    expect(delivery.outputs[0]).toMatchObject({
      recordIn: 'image+sidecar',
      sidecar: join(folder, 'photo.retouch-1.png.json'),
    });
    const sidecar = JSON.parse(await readFile(join(folder, 'photo.retouch-1.png.json'), 'utf8'));
    expect(sidecar.sources).toEqual([{ path: '../photo.png', sha256: 'ab'.repeat(32) }]);
  });

  it('records the marked-up copy an edit was explained with, so a re-run sends the same', async () => {
    const markup = {
      location: join(dir, 'photo.markup-1.png'),
      sha256: 'cd'.repeat(32),
      delivery: 'flattened' as const,
      sentPrompt: 'The image has marks on it.\nFollow them: remove this',
    };
    await deliverResults(
      request({ result: await result(await png()), edit: edit({ prompt: 'remove this', markup }) }),
    );
    const found = await readOutputRecord(fs, join(dir, 'photo.retouch-1.png'));
    expect(found?.record).toMatchObject({
      prompt: 'remove this',
      sources: [{ path: 'photo.png', sha256: 'ab'.repeat(32) }],
      markup: {
        path: 'photo.markup-1.png',
        sha256: 'cd'.repeat(32),
        delivery: 'flattened',
        sentPrompt: 'The image has marks on it.\nFollow them: remove this',
      },
    });
    const [grouped] = groupEdits(fs, found ? [found] : []);
    expect(grouped?.markup?.location).toBe(join(dir, 'photo.markup-1.png'));
  });

  it('records the inputs sent changed and where they were uploaded, as the provenance', async () => {
    const prepared = {
      field: 'images[0]',
      filename: 'IMG_1.HEIC',
      original: { mediaType: 'image/heic', width: 8064, height: 6048, size: 4_800_000 },
      sent: { mediaType: 'image/jpeg', width: 3840, height: 2880, size: 2_100_000 },
      changes: ['convert', 'shrink'],
      note: 'IMG_1.HEIC: sent 3840×2880 JPEG (2.1 MB) instead of 8064×6048 HEIC (4.8 MB)',
    };
    const uploaded = 'https://v3.fal.media/files/abc/IMG_1.jpg';
    const base = await result(await png());
    await deliverResults(
      request({
        result: {
          ...base,
          preparedInputs: [prepared],
          calls: [{ requestId: 'req_a', providerMetadata: { inputUrls: [uploaded] } }],
        },
      }),
    );
    const found = await readOutputRecord(fs, join(dir, 'photo.retouch-1.png'));
    const { filename: _name, ...recorded } = prepared;
    expect(found?.record.preparedInputs).toEqual([recorded]);
    expect(found?.record.inputUrls).toEqual([uploaded]);
  });

  it('keeps the record of a GIF in a sidecar, since a GIF has nowhere to hold it', async () => {
    const gif = { data: await gifImage(), mediaType: 'image/gif' as const, width: 8, height: 8 };
    const delivery = await deliverResults(request({ result: await result(gif) }));
    expect(delivery.outputs[0]).toMatchObject({ name: 'photo.retouch-1.gif', recordIn: 'sidecar' });
    expect(delivery.notes[0]).toMatch(/photo\.retouch-1\.gif is in a sidecar/);
    expect((await readOutputRecord(fs, join(dir, 'photo.retouch-1.gif')))?.from).toBe('sidecar');
  });

  it('follows the source in JPEG naming and embeds XMP a decoder still reads', async () => {
    const jpeg = {
      data: await jpegImage(),
      mediaType: 'image/jpeg' as const,
      width: 48,
      height: 32,
    };
    const delivery = await deliverResults(
      request({ result: await result(jpeg), sourceName: 'photo.jpeg' }),
    );
    expect(delivery.outputs[0]?.name).toBe('photo.retouch-1.jpeg');
    const meta = await sharp(join(dir, 'photo.retouch-1.jpeg')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 48, 32]);
  });

  it('saves a result to the rescue folder when the folder asked for cannot take it, and says where', async () => {
    // The output folder was replaced by a file after the edit was sent.
    const folder = join(dir, 'edits');
    await writeFile(folder, 'in the way');
    const delivery = await deliverResults(request({ result: await result(await png()), folder }));
    const [output] = delivery.outputs;
    expect(output).toMatchObject({
      rescued: true,
      location: join(dir, 'rescue', 'photo.retouch-1.png'),
      recordIn: 'image',
    });
    expect(output?.failure).toMatch(/EEXIST|ENOTDIR/);
    // Far from the rescue folder, the source is recorded by its absolute path.
    expect(output?.record.sources[0]?.path).toBe(join(dir, 'photo.png'));
    expect(await decodedPixels(await readFile(output!.location))).toEqual(
      await decodedPixels(await pngImage()),
    );
    const error = deliveryError(fs, delivery, {
      provider: 'openai-compatible',
      requestId: 'req_a',
    });
    expect(error?.code).toBe('output');
    expect(error?.message).toContain(`could not be written to ${folder}`);
    expect(error?.message).toContain(`Saved instead at ${output!.location}`);
    expect(error?.requestId).toBe('req_a');
  });

  it('reports a result that could be saved nowhere, rather than claiming success', async () => {
    await writeFile(join(dir, 'blocked'), 'a file');
    const delivery = await deliverResults(
      request({
        result: await result(await png()),
        folder: join(dir, 'blocked', 'out'),
        rescueFolder: join(dir, 'blocked', 'rescue'),
      }),
    );
    expect(delivery.outputs).toEqual([]);
    expect(delivery.lost).toEqual([
      { index: 0, failure: expect.any(String), rescueFailure: expect.any(String) },
    ]);
    expect(deliveryError(fs, delivery)?.message).toMatch(/could not be saved anywhere/);
  });

  it('is not an error when every result is where it was asked to go', async () => {
    const delivery = await deliverResults(request({ result: await result(await png()) }));
    expect(deliveryError(fs, delivery)).toBeUndefined();
  });
});
