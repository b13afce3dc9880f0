import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditedImage } from '@retouch/core';
import {
  deliverResults,
  groupEdits,
  type RecordableResult,
  readOutputRecord,
  writeNewOutput,
} from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { historyEntryFromRecords, recordToolName } from '../state/history-entry.js';
import { diskUriApi, FakeFileSystemError } from './__fixtures__/disk-workspace-fs.js';
import { createUriOutputFileSystem } from './uri-output-file-system.js';

const uriFs = createUriOutputFileSystem(diskUriApi);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-uri-fs-'));
  await writeFile(join(dir, 'hero.png'), 'source');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function result(n = 1): Promise<RecordableResult> {
  const data = new Uint8Array(
    await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c83' } })
      .png()
      .toBuffer(),
  );
  const image: EditedImage = { data, mediaType: 'image/png', width: 8, height: 6 };
  return {
    provider: 'openai-compatible',
    model: 'gpt-image-1',
    images: Array.from({ length: n }, () => image),
    calls: [{ requestId: 'req_1' }],
    warnings: [],
  };
}

describe('records across the two apps', () => {
  it('an edit the CLI wrote (node:fs adapter) is read and listed by the extension (workspace.fs adapter)', async () => {
    const folder = join(dir, 'edited');
    await deliverResults({
      fs: nodeOutputFileSystem,
      folder,
      sourceName: 'hero.png',
      result: await result(2),
      edit: {
        editId: 'cli-edit',
        tool: { name: '@retouch/cli', version: '1.0.0' },
        prompt: 'make it grayscale',
        baseURL: 'https://api.openai.com/v1',
        options: { n: 2, quality: 'high' },
        sources: [{ location: join(dir, 'hero.png'), sha256: 'ab'.repeat(32) }],
      },
    });
    const results = ['hero.retouch-1.png', 'hero.retouch-2.png'].map((name) =>
      URI.file(join(folder, name)),
    );
    const found = await Promise.all(results.map((uri) => readOutputRecord(uriFs, uri)));
    expect(found.map((f) => f?.from)).toEqual(['image', 'image']);
    const [edit] = groupEdits(
      uriFs,
      found.flatMap((f) => f ?? []),
    ).map(historyEntryFromRecords);
    expect(edit).toMatchObject({
      id: 'cli-edit',
      prompt: 'make it grayscale',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      options: { n: 2, quality: 'high' },
      madeBy: '@retouch/cli',
      requestIds: ['req_1'],
      sources: [{ uri: URI.file(join(dir, 'hero.png')).toString(), name: 'hero.png' }],
      outputs: [{ name: 'hero.retouch-1.png' }, { name: 'hero.retouch-2.png' }],
    });
  });

  it('an edit the extension wrote (workspace.fs adapter) is read by the CLI side (node:fs adapter)', async () => {
    const folder = URI.file(join(dir, 'edited'));
    const delivery = await deliverResults({
      fs: uriFs,
      folder,
      sourceName: 'hero.png',
      result: await result(),
      edit: {
        editId: 'vscode-edit',
        tool: { name: recordToolName, version: '0.1.0' },
        prompt: 'invert the colours',
        options: { outputFormat: 'png' },
        sources: [{ location: URI.file(join(dir, 'hero.png')), sha256: 'cd'.repeat(32) }],
      },
    });
    expect(delivery.outputs[0]?.location.toString()).toBe(
      URI.file(join(dir, 'edited', 'hero.retouch-1.png')).toString(),
    );
    const found = await readOutputRecord(
      nodeOutputFileSystem,
      join(dir, 'edited', 'hero.retouch-1.png'),
    );
    expect(found?.record).toMatchObject({
      editId: 'vscode-edit',
      tool: { name: recordToolName },
      prompt: 'invert the colours',
      sources: [{ path: '../hero.png', sha256: 'cd'.repeat(32) }],
    });
    expect(nodeOutputFileSystem.resolve(join(dir, 'edited'), found!.record.sources[0]!.path)).toBe(
      join(dir, 'hero.png'),
    );
    // Nothing but the result: no sidecar by default.
    expect(await readdir(join(dir, 'edited'))).toEqual(['hero.retouch-1.png']);
  });

  it("reads both tools' old sidecars through workspace.fs", async () => {
    await writeFile(join(dir, 'hero.retouch-1.png'), (await result()).images[0]!.data);
    await writeFile(
      join(dir, 'hero.retouch-1.png.json'),
      JSON.stringify({
        schema: 'retouch.edit/v1',
        createdAt: '2025-06-01T12:00:00.000Z',
        tool: { name: '@retouch/cli', version: '0.1.0' },
        prompt: 'old cli edit',
        provider: 'queue',
        model: 'm',
        options: {},
        sources: [{ role: 'image', file: 'hero.png', sha256: 'ef' }],
        output: {
          file: 'hero.retouch-1.png',
          index: 0,
          mediaType: 'image/png',
          width: 8,
          height: 6,
        },
        requestIds: [],
        warnings: [],
      }),
    );
    const found = await readOutputRecord(uriFs, URI.file(join(dir, 'hero.retouch-1.png')));
    expect(found).toMatchObject({ from: 'sidecar', record: { prompt: 'old cli edit' } });
  });
});

describe('createUriOutputFileSystem', () => {
  it('gives concurrent writers in one window distinct names although its rename only checks first', async () => {
    const folder = URI.file(dir);
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        writeNewOutput(uriFs, folder, {
          sourceName: 'hero.png',
          kind: 'retouch',
          extension: 'png',
          data: new TextEncoder().encode(`result ${i}`),
        }),
      ),
    );
    expect(new Set(written.map((w) => w.name)).size).toBe(8);
    for (const [i, w] of written.entries()) {
      expect(await readFile(w.location.fsPath, 'utf8')).toBe(`result ${i}`);
    }
  });

  it('rescues a result when the folder is under a file, into the storage folder it is given', async () => {
    await writeFile(join(dir, 'blocked'), 'a file');
    const storage = URI.file(join(dir, 'global-storage', 'rescued'));
    const delivery = await deliverResults({
      fs: uriFs,
      folder: URI.file(join(dir, 'blocked', 'out')),
      sourceName: 'hero.png',
      result: await result(),
      edit: {
        editId: 'e',
        tool: { name: recordToolName, version: '0' },
        prompt: 'x',
        options: {},
        sources: [{ location: URI.file(join(dir, 'hero.png')), sha256: 'ab' }],
      },
      rescueFolder: storage,
    });
    expect(delivery.outputs[0]).toMatchObject({ rescued: true, name: 'hero.retouch-1.png' });
    expect(delivery.outputs[0]?.failure).toMatch(/not a folder|in the way/);
    expect(await readdir(storage.fsPath)).toEqual(['hero.retouch-1.png']);
  });

  it('resolves recorded paths the way each tool writes them, and says why a write failed', () => {
    const folder = URI.file('/ws/edited');
    expect(uriFs.resolve(folder, '../hero.png')?.toString()).toBe('file:///ws/hero.png');
    expect(uriFs.resolve(folder, '/abs/hero.png')?.toString()).toBe('file:///abs/hero.png');
    const remote = URI.parse('vscode-remote://ssh-remote%2Bbox/ws/edited');
    expect(uriFs.resolve(remote, '/ws/hero.png')?.toString()).toBe(
      'vscode-remote://ssh-remote%2Bbox/ws/hero.png',
    );
    expect(uriFs.relative(remote, URI.file('/ws/hero.png'))).toBeUndefined();
    expect(uriFs.absolute(URI.file('/ws/hero.png'))).toBe('/ws/hero.png');
    expect(
      uriFs.describeError?.(
        new FakeFileSystemError('Unknown', "EROFS: read-only file system, open '/ws/x'"),
      ),
    ).toBe('read-only file system (EROFS)');
    expect(uriFs.describeError?.(new FakeFileSystemError('NoPermissions', 'nope'))).toMatch(
      /not allowed/,
    );
  });
});
