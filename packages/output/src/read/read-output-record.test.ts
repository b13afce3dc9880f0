import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngImage } from '../__fixtures__/images.js';
import { embedRecord } from '../embed/embedded-record.js';
import { nodeOutputFileSystem as fs } from '../file-system/node-output-file-system.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import type { EditRecord } from '../record/edit-record.js';
import { groupEdits } from './group-edits.js';
import { readOutputRecord } from './read-output-record.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(editId: string, index: number, createdAt: string): EditRecord {
  return {
    schema: 'retouch.edit/v2',
    editId,
    createdAt,
    tool: { name: 'test', version: '1' },
    prompt: `prompt of ${editId}`,
    provider: 'queue',
    model: 'm',
    options: {},
    sources: [{ path: '../src/hero.png', sha256: 'ab' }],
    output: { file: `x-${index}`, index, count: 2, mediaType: 'image/png', width: 48, height: 32 },
    requestIds: [],
    warnings: [],
  };
}

async function writeWithRecord(name: string, data: Uint8Array, mediaType: string, rec: EditRecord) {
  const outcome = embedRecord(data, mediaType, JSON.stringify(rec));
  if (!outcome.embedded) throw new Error(outcome.reason);
  await writeFile(join(dir, name), outcome.data);
  return join(dir, name);
}

describe('readOutputRecord', () => {
  it('reads the record from the image, a WebP too (whose XMP is at the end)', async () => {
    const rec = record('e1', 0, '2025-01-01T00:00:00.000Z');
    const png = await writeWithRecord('a.retouch-1.png', await pngImage(), 'image/png', rec);
    // A WebP bigger than the head read (noise does not compress), so the reader must go on to
    // the whole file to reach its XMP chunk at the end.
    const noise = Buffer.from(Array.from({ length: 400 * 400 * 3 }, () => Math.random() * 256));
    const big = new Uint8Array(
      await sharp(noise, { raw: { width: 400, height: 400, channels: 3 } })
        .webp({ lossless: true })
        .toBuffer(),
    );
    expect(big.length).toBeGreaterThan(256 * 1024);
    const webp = await writeWithRecord('a.retouch-2.webp', big, 'image/webp', rec);
    let fullReads = 0;
    const counting: OutputFileSystem<string> = {
      ...fs,
      readFile: async (location) => {
        fullReads++;
        return fs.readFile(location);
      },
    };
    expect(await readOutputRecord(counting, png)).toEqual({
      record: rec,
      location: png,
      from: 'image',
    });
    expect(fullReads).toBe(0);
    expect((await readOutputRecord(counting, webp))?.record).toEqual(rec);
    expect(fullReads).toBe(1);
  });

  it('falls back to a sidecar, in the old formats too, and ignores junk', async () => {
    await writeFile(join(dir, 'old.retouch-1.png'), await pngImage());
    await writeFile(
      join(dir, 'old.retouch-1.png.json'),
      JSON.stringify({
        tool: 'retouch',
        version: 1,
        createdAt: '2025-01-02T03:04:05.000Z',
        prompt: 'remove the background',
        provider: 'openai-compatible',
        model: 'gpt-image-1',
        options: {},
        sources: [{ path: 'old.png', sha256: 'cd' }],
        result: { path: 'old.retouch-1.png', mediaType: 'image/png', width: 48, height: 32 },
      }),
    );
    expect(await readOutputRecord(fs, join(dir, 'old.retouch-1.png'))).toMatchObject({
      from: 'sidecar',
      record: { prompt: 'remove the background', sources: [{ path: 'old.png' }] },
    });
    await writeFile(join(dir, 'junk.retouch-1.png'), 'not an image');
    await writeFile(join(dir, 'junk.retouch-1.png.json'), '{"prompt": 1}');
    expect(await readOutputRecord(fs, join(dir, 'junk.retouch-1.png'))).toBeUndefined();
    expect(await readOutputRecord(fs, join(dir, 'missing.retouch-1.png'))).toBeUndefined();
  });
});

describe('groupEdits', () => {
  it('groups the results of one edit, newest edit first, results in order, inputs resolved', async () => {
    const found = [
      {
        record: record('old', 0, '2025-01-01T00:00:00.000Z'),
        location: join(dir, 'o.png'),
        from: 'image' as const,
      },
      {
        record: record('new', 1, '2025-02-01T00:00:00.000Z'),
        location: join(dir, 'n2.png'),
        from: 'image' as const,
      },
      {
        record: record('new', 0, '2025-02-01T00:00:00.000Z'),
        location: join(dir, 'n1.png'),
        from: 'sidecar' as const,
      },
    ];
    const edits = groupEdits(fs, found);
    expect(edits.map((edit) => [edit.editId, edit.outputs.map((output) => output.name)])).toEqual([
      ['new', ['n1.png', 'n2.png']],
      ['old', ['o.png']],
    ]);
    expect(edits[0]?.sources[0]?.location).toBe(join(dir, '..', 'src', 'hero.png'));
  });
});
