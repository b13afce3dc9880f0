import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomic } from './write-atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeAtomic', () => {
  it('replaces a placeholder with the full content and leaves no temp file', async () => {
    const target = join(dir, 'a.png');
    await writeFile(target, '');
    await writeAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['a.png']);
  });

  it('cleans up its temp file when the target cannot be written', async () => {
    await expect(writeAtomic(join(dir, 'missing-dir', 'a.png'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
