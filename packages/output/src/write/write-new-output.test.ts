import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeOutputFileSystem } from '../file-system/node-output-file-system.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { writeFileExclusive, writeNewOutput } from './write-new-output.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-output-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
const fs = nodeOutputFileSystem;

function write(sourceName: string, data: string, extension = 'png', port = fs, folder = dir) {
  return writeNewOutput(port, folder, {
    sourceName,
    kind: 'retouch',
    extension,
    data: bytes(data),
  });
}

describe('writeNewOutput', () => {
  it('writes hero.retouch-1.png beside hero.png and leaves no temp file', async () => {
    await writeFile(join(dir, 'hero.png'), 'original');
    const written = await write('hero.png', 'edited');
    expect(written).toMatchObject({ name: 'hero.retouch-1.png', n: 1 });
    expect(await readFile(join(dir, 'hero.retouch-1.png'), 'utf8')).toBe('edited');
    expect(await readFile(join(dir, 'hero.png'), 'utf8')).toBe('original');
    expect((await readdir(dir)).sort()).toEqual(['hero.png', 'hero.retouch-1.png']);
  });

  it('never overwrites: existing results of any type push N up, and keep their bytes', async () => {
    await writeFile(join(dir, 'hero.retouch-1.png'), 'first');
    await writeFile(join(dir, 'hero.retouch-2.jpg'), 'second');
    expect((await write('hero.png', 'third')).name).toBe('hero.retouch-3.png');
    expect((await write('hero.retouch-1.png', 'fourth', 'jpg')).name).toBe('hero.retouch-4.jpg');
    expect(await readFile(join(dir, 'hero.retouch-1.png'), 'utf8')).toBe('first');
  });

  it('skips a number whose sidecar is taken when a sidecar will be written', async () => {
    const port: OutputFileSystem<string> = {
      ...fs,
      // Another run's sidecar appears as if it had been listed; the name must not be shared.
      list: async (folder) => [...(await fs.list(folder)), 'hero.retouch-1.png.json'],
    };
    const written = await writeNewOutput(port, dir, {
      sourceName: 'hero.png',
      kind: 'retouch',
      extension: 'png',
      data: bytes('x'),
      keepSidecarFree: true,
    });
    expect(written.name).toBe('hero.retouch-2.png');
  });

  it('takes the next number when another writer claims the name just before the rename, and builds the content for the name it got', async () => {
    let raced = false;
    const port: OutputFileSystem<string> = {
      ...fs,
      async renameNoOverwrite(from, to) {
        if (!raced) {
          raced = true;
          await writeFile(to, 'someone else');
        }
        return fs.renameNoOverwrite(from, to);
      },
    };
    const written = await writeNewOutput(port, dir, {
      sourceName: 'hero.png',
      kind: 'retouch',
      extension: 'png',
      data: (name) => bytes(`content for ${name}`),
    });
    expect(written.name).toBe('hero.retouch-2.png');
    expect(await readFile(join(dir, 'hero.retouch-1.png'), 'utf8')).toBe('someone else');
    expect(await readFile(join(dir, 'hero.retouch-2.png'), 'utf8')).toBe(
      'content for hero.retouch-2.png',
    );
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('gives 16 concurrent writers 16 names, each file whole and its own', async () => {
    const all = await Promise.all(
      Array.from({ length: 16 }, (_, i) => write('photo.png', `result ${i}`.repeat(1000))),
    );
    expect(new Set(all.map((w) => w.name)).size).toBe(16);
    for (const [i, written] of all.entries()) {
      expect(await readFile(written.location, 'utf8')).toBe(`result ${i}`.repeat(1000));
    }
    expect((await readdir(dir)).length).toBe(16);
  });

  it('creates a missing folder; a failed write throws and leaves no temp file behind', async () => {
    const folder = join(dir, 'edited', 'nested');
    expect((await write('a.jpg', 'x', 'jpg', fs, folder)).location).toBe(
      join(folder, 'a.retouch-1.jpg'),
    );
    const failing: OutputFileSystem<string> = {
      ...fs,
      renameNoOverwrite: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    await expect(write('a.jpg', 'y', 'jpg', failing, folder)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(folder)).toEqual(['a.retouch-1.jpg']);
  });

  it('names painted masks hero.mask-N.png, apart from results', async () => {
    await write('hero.png', 'result');
    const mask = await writeNewOutput(fs, dir, {
      sourceName: 'hero.jpg',
      kind: 'mask',
      extension: 'png',
      data: bytes('m'),
    });
    expect(mask.name).toBe('hero.mask-1.png');
  });
});

describe('writeFileExclusive', () => {
  it('writes a new file whole, and leaves an existing one alone', async () => {
    expect(await writeFileExclusive(fs, dir, 'a.json', bytes('new'))).toBe('written');
    expect(await writeFileExclusive(fs, dir, 'a.json', bytes('newer'))).toBe('exists');
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});
