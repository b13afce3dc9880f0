import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRetouchError } from '@retouch/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountReadOnly } from '../__fixtures__/read-only-folder.js';
import { nodeOutputFileSystem } from '../file-system/node-output-file-system.js';
import { probeOutputFolder } from './probe-output-folder.js';

let dir: string;
const undo: (() => void)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-probe-'));
});
afterEach(async () => {
  for (const step of undo.splice(0)) step();
  await rm(dir, { recursive: true, force: true });
});

async function probeError(folder: string) {
  const error = await probeOutputFolder(nodeOutputFileSystem, folder, {
    field: 'out',
    advice: 'Choose another folder with --out.',
  }).catch((caught: unknown) => caught);
  if (!isRetouchError(error)) throw new Error(`expected a RetouchError, got ${String(error)}`);
  return error;
}

describe('probeOutputFolder', () => {
  it('creates a missing folder and leaves nothing in it', async () => {
    const folder = join(dir, 'a', 'b');
    await probeOutputFolder(nodeOutputFileSystem, folder);
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a folder under a regular file with invalid_request, naming the folder and the reason', async () => {
    await writeFile(join(dir, 'file.txt'), 'not a folder');
    const error = await probeError(join(dir, 'file.txt', 'out'));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(join(dir, 'file.txt', 'out'));
    expect(error.message).toMatch(/not a folder|ENOTDIR/);
    expect(error.message).toMatch(/Nothing was sent\. Choose another folder with --out\./);
    expect(error.issues).toEqual([{ field: 'out', message: expect.any(String) }]);
  });

  it('refuses a read-only folder, even for root', async (context) => {
    const folder = join(dir, 'locked');
    const unmount = mountReadOnly(folder);
    if (!unmount) return context.skip('mounting a read-only folder is not allowed here');
    undo.push(unmount);
    const error = await probeError(folder);
    expect(error.message).toMatch(/read-only file system \(EROFS\)/);
    expect(await readdir(folder)).toEqual([]);
  });
});
