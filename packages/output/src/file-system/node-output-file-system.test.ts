import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeOutputFileSystem as fs } from './node-output-file-system.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-nodefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nodeOutputFileSystem', () => {
  it('lets exactly one of many concurrent renames take a name, and keeps its bytes', async () => {
    const temps = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const temp = join(dir, `.temp-${i}`);
        await writeFile(temp, `writer ${i}`);
        return temp;
      }),
    );
    const target = join(dir, 'photo.retouch-1.png');
    const outcomes = await Promise.all(temps.map((temp) => fs.renameNoOverwrite(temp, target)));
    const winner = outcomes.indexOf('renamed');
    expect(outcomes.filter((outcome) => outcome === 'renamed')).toHaveLength(1);
    expect(await readFile(target, 'utf8')).toBe(`writer ${winner}`);
    // The losers' temp files are still there for their writers to retry or delete.
    expect((await readdir(dir)).length).toBe(16);
  });

  it('resolves recorded paths: relative, absolute and file: URIs, but not other URIs', () => {
    expect(fs.resolve(dir, '../photo.png')).toBe(join(dir, '..', 'photo.png'));
    expect(fs.resolve(dir, '/abs/photo.png')).toBe('/abs/photo.png');
    expect(fs.resolve(dir, pathToFileURL('/abs/a b.png').href)).toBe('/abs/a b.png');
    expect(fs.resolve(dir, 'vscode-remote://ssh-remote%2Bbox/a.png')).toBeUndefined();
    expect(fs.relative(join(dir, 'out'), join(dir, 'photo.png'))).toBe('../photo.png');
  });

  it('reads only the start of a file when asked', async () => {
    await writeFile(join(dir, 'big'), Buffer.alloc(100_000, 7));
    expect((await fs.readStart!(join(dir, 'big'), 1000)).length).toBe(1000);
    expect((await fs.readStart!(join(dir, 'big'), 200_000)).length).toBe(100_000);
    expect(await fs.list(join(dir, 'missing'))).toEqual([]);
    expect(await fs.exists(join(dir, 'missing'))).toBe(false);
  });

  it('reads a small file under a big limit without taking the limit in memory', async () => {
    await writeFile(join(dir, 'journal.json'), '{"revision":1}\n');
    const bytes = await fs.readStart!(join(dir, 'journal.json'), 64 * 1024 * 1024);
    expect(Buffer.from(bytes).toString()).toBe('{"revision":1}\n');
    // What it returns holds on to a buffer of the file's size, not of the limit.
    expect(bytes.buffer.byteLength).toBeLessThan(100);
    expect((await fs.readStart!(join(dir, 'journal.json'), 5)).length).toBe(5);
    await writeFile(join(dir, 'empty'), '');
    expect((await fs.readStart!(join(dir, 'empty'), 1000)).length).toBe(0);
  });
});
