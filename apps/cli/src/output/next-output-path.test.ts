import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionFor, outputStem, reserveOutputPath } from './next-output-path.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-out-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reserveOutputPath', () => {
  it('starts at 1 and goes one past the highest existing N, whatever its extension', async () => {
    const first = await reserveOutputPath(dir, 'photo', '.png');
    expect(first.path).toBe(join(dir, 'photo.retouch-1.png'));
    expect(first.sidecarPath).toBe(join(dir, 'photo.retouch-1.png.json'));
    await writeFile(join(dir, 'photo.retouch-7.jpg'), 'old');
    const next = await reserveOutputPath(dir, 'photo', '.png');
    expect(next.n).toBe(8);
    // Another image's outputs do not count.
    expect((await reserveOutputPath(dir, 'photo-2', '.png')).n).toBe(1);
  });

  it('never hands out a name that exists, and leaves existing files untouched', async () => {
    await writeFile(join(dir, 'photo.retouch-1.png.json'), 'orphan sidecar');
    const reserved = await reserveOutputPath(dir, 'photo', '.png');
    expect(reserved.n).toBe(2);
    expect(await readFile(join(dir, 'photo.retouch-1.png.json'), 'utf8')).toBe('orphan sidecar');
  });

  it('gives concurrent callers distinct names', async () => {
    const all = await Promise.all(
      Array.from({ length: 8 }, () => reserveOutputPath(dir, 'photo', '.png')),
    );
    expect(new Set(all.map((r) => r.path)).size).toBe(8);
  });

  it('release() removes the placeholders of an edit that failed', async () => {
    const reserved = await reserveOutputPath(dir, 'photo', '.png');
    await reserved.release();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('output names', () => {
  it('derives the stem and the extension users expect', () => {
    expect(outputStem('/a/b/photo.final.png')).toBe('photo.final');
    expect(outputStem('/a/.hidden')).toBe('.hidden');
    expect(extensionFor('image/jpeg')).toBe('.jpg');
    expect(extensionFor('image/webp')).toBe('.webp');
    expect(extensionFor('image/png')).toBe('.png');
  });
});
