import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeOutputFileSystem } from '../file-system/node-output-file-system.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { folderNames } from './folder-names.js';
import { writeNewOutput } from './write-new-output.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-names-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The node file system, counting how often each folder is listed. */
function countingFileSystem() {
  const listings: string[] = [];
  const fs: OutputFileSystem<string> = {
    ...nodeOutputFileSystem,
    list(folder) {
      listings.push(folder);
      return nodeOutputFileSystem.list(folder);
    },
  };
  return { fs, listings };
}

const write = (
  fs: OutputFileSystem<string>,
  names: ReturnType<typeof folderNames<string>>,
  sourceName: string,
  data: string,
) =>
  writeNewOutput(
    fs,
    dir,
    { sourceName, kind: 'retouch', extension: 'png', data: new TextEncoder().encode(data) },
    { names },
  );

describe('folderNames with writeNewOutput', () => {
  it('a batch of results lists its folder once, and numbers follow what was there and what it wrote', async () => {
    await writeFile(join(dir, 'a.retouch-1.png'), 'earlier');
    await writeFile(join(dir, 'my.photo.retouch-4.png'), 'earlier');
    const { fs, listings } = countingFileSystem();
    const names = folderNames(fs);
    const written = [];
    for (let i = 0; i < 40; i++)
      written.push((await write(fs, names, `img-${i}.png`, `${i}`)).name);
    written.push((await write(fs, names, 'a.png', 'again')).name);
    written.push((await write(fs, names, 'a.png', 'and again')).name);
    written.push((await write(fs, names, 'my.photo.jpg', 'dotted')).name);
    expect(listings).toEqual([dir]);
    expect(written.slice(0, 2)).toEqual(['img-0.retouch-1.png', 'img-1.retouch-1.png']);
    expect(written.slice(40)).toEqual([
      'a.retouch-2.png',
      'a.retouch-3.png',
      'my.photo.retouch-5.png',
    ]);
    expect(await readFile(join(dir, 'a.retouch-1.png'), 'utf8')).toBe('earlier');
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('never replaces a file another writer made after the folder was listed: the next number is taken', async () => {
    const { fs } = countingFileSystem();
    const names = folderNames(fs);
    expect((await write(fs, names, 'hero.png', 'one')).name).toBe('hero.retouch-1.png');
    // Another process writes the next number; the run's names do not know it.
    await writeFile(join(dir, 'hero.retouch-2.png'), 'theirs');
    expect((await write(fs, names, 'hero.png', 'two')).name).toBe('hero.retouch-3.png');
    expect(await readFile(join(dir, 'hero.retouch-2.png'), 'utf8')).toBe('theirs');
    expect(await readFile(join(dir, 'hero.retouch-3.png'), 'utf8')).toBe('two');
    expect((await write(fs, names, 'hero.png', 'three')).name).toBe('hero.retouch-4.png');
  });

  it('writers in one process writing side by side each get their own number', async () => {
    const { fs, listings } = countingFileSystem();
    const names = folderNames(fs);
    const written = await Promise.all(
      Array.from({ length: 12 }, (_, i) => write(fs, names, 'hero.png', `${i}`)),
    );
    expect(new Set(written.map((output) => output.name)).size).toBe(12);
    expect(written.map((output) => output.n).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(listings).toEqual([dir]);
  });
});
