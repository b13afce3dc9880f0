import {
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputFileSystem } from './output-file-system.js';
import { writeFileAtomic, writeNewOutput } from './write-atomic.js';

/** node:fs with a real no-overwrite rename: link(2) fails with EEXIST, then the temp is unlinked. */
function nodeOutputFileSystem(hooks: { beforeRename?: (to: string) => Promise<void> } = {}) {
  const fs: OutputFileSystem<string> = {
    child: (folder, name) => join(folder, name),
    exists: (target) =>
      readFile(target).then(
        () => true,
        () => false,
      ),
    list: (folder) => readdir(folder).catch(() => []),
    createFolder: async (folder) => {
      await mkdir(folder, { recursive: true });
    },
    writeFile: (target, data) => writeFile(target, data),
    async renameNoOverwrite(from, to) {
      await hooks.beforeRename?.(to);
      try {
        await link(from, to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
        throw error;
      }
      await unlink(from);
      return 'renamed';
    },
    renameOverwrite: (from, to) => rename(from, to),
    delete: (target) => rm(target, { force: true }),
  };
  return fs;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-output-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('writeNewOutput', () => {
  it('writes hero.retouch-1.png next to hero.png and leaves no temp file', async () => {
    await writeFile(join(dir, 'hero.png'), 'original');
    const written = await writeNewOutput(
      nodeOutputFileSystem(),
      dir,
      'hero.png',
      'retouch',
      'png',
      bytes('edited'),
    );
    expect(written.name).toBe('hero.retouch-1.png');
    expect(await readFile(join(dir, 'hero.retouch-1.png'), 'utf8')).toBe('edited');
    expect(await readFile(join(dir, 'hero.png'), 'utf8')).toBe('original');
    expect((await readdir(dir)).sort()).toEqual(['hero.png', 'hero.retouch-1.png']);
  });

  it('never overwrites: existing results and orphaned sidecars push N up', async () => {
    await writeFile(join(dir, 'hero.retouch-1.png'), 'first');
    await writeFile(join(dir, 'hero.retouch-2.png.json'), '{}');
    const written = await writeNewOutput(
      nodeOutputFileSystem(),
      dir,
      'hero.png',
      'retouch',
      'png',
      bytes('third'),
    );
    expect(written.name).toBe('hero.retouch-3.png');
    expect(await readFile(join(dir, 'hero.retouch-1.png'), 'utf8')).toBe('first');
  });

  it('numbers across file types, so a JPEG after two PNG results is -3', async () => {
    await writeFile(join(dir, 'hero.retouch-1.png'), 'first');
    await writeFile(join(dir, 'hero.retouch-2.png'), 'second');
    const written = await writeNewOutput(
      nodeOutputFileSystem(),
      dir,
      'hero.png',
      'retouch',
      'jpg',
      bytes('third'),
    );
    expect(written.name).toBe('hero.retouch-3.jpg');
  });

  it('editing a result again continues the numbering of the original', async () => {
    await writeFile(join(dir, 'hero.retouch-1.png'), 'first');
    const written = await writeNewOutput(
      nodeOutputFileSystem(),
      dir,
      'hero.retouch-1.png',
      'retouch',
      'png',
      bytes('x'),
    );
    expect(written.name).toBe('hero.retouch-2.png');
  });

  it('takes the next number when another writer claims the name just before the rename', async () => {
    let raced = false;
    const fs = nodeOutputFileSystem({
      async beforeRename(to) {
        if (!raced && to.endsWith('hero.retouch-1.png')) {
          raced = true;
          await writeFile(to, 'someone else');
        }
      },
    });
    const written = await writeNewOutput(fs, dir, 'hero.png', 'retouch', 'png', bytes('mine'));
    expect(written.name).toBe('hero.retouch-2.png');
    expect(await readFile(join(dir, 'hero.retouch-1.png'), 'utf8')).toBe('someone else');
    expect(await readFile(join(dir, 'hero.retouch-2.png'), 'utf8')).toBe('mine');
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('creates the output folder, and a failed write leaves no temp file behind', async () => {
    const folder = join(dir, 'edited', 'nested');
    const written = await writeNewOutput(
      nodeOutputFileSystem(),
      folder,
      'a.jpg',
      'retouch',
      'jpg',
      bytes('x'),
    );
    expect(written.location).toBe(join(folder, 'a.retouch-1.jpg'));

    const failing = nodeOutputFileSystem({
      beforeRename: async () => {
        throw new Error('disk full');
      },
    });
    await expect(
      writeNewOutput(failing, folder, 'a.jpg', 'retouch', 'jpg', bytes('y')),
    ).rejects.toThrow('disk full');
    expect((await readdir(folder)).sort()).toEqual(['a.retouch-1.jpg']);
  });

  it('names painted masks hero.mask-N.png', async () => {
    const written = await writeNewOutput(
      nodeOutputFileSystem(),
      dir,
      'hero.jpg',
      'mask',
      'png',
      bytes('m'),
    );
    expect(written.name).toBe('hero.mask-1.png');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole', async () => {
    await writeFile(join(dir, 'a.json'), 'old');
    await writeFileAtomic(nodeOutputFileSystem(), dir, 'a.json', bytes('new'));
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});
