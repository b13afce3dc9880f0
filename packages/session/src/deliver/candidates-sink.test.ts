import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listStoredEdits } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeHost,
  openAIProvider,
  startSessionEmulator,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import { planEdit } from '../plan/plan-edit.js';
import { performEdit } from '../run/perform-edit.js';
import type { DeliveredEdit } from './delivered-edit.js';

let emulator: Emulator;
let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  emulator = await startSessionEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  folder = await tempFolder();
  emulator.reset();
});
afterEach(() => folder.remove());

describe('a candidates sink', () => {
  it('keeps the results as candidates in the store, nothing beside the image, and tells the history', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const history: DeliveredEdit<string>[] = [];
    const host = nodeHost(folder.dir, { history: (edit) => void history.push(edit) });
    const plan = await planEdit(host, {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'make it sepia',
      images: [photo!],
      options: { n: 3 },
      candidates: {
        root: folder.dir,
        chainRoot: 'photo.png',
        source: { file: 'photo.png', sha256: 'a'.repeat(64) },
        modelName: 'GPT Image 1',
      },
    });
    const outcome = await performEdit(host, plan, { editId: 'edit-1' });
    expect(outcome.outputs).toHaveLength(3);
    expect(outcome.delivered.candidates?.folder).toBe(
      join(folder.dir, '.retouch', 'candidates', 'edit-1'),
    );
    expect((await readdir(folder.dir)).sort()).toEqual(['.retouch', 'photo.png']);
    const stored = await listStoredEdits(nodeOutputFileSystem, folder.dir);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.manifest).toMatchObject({ root: 'photo.png', prompt: 'make it sepia' });
    expect(stored[0]!.candidates).toHaveLength(3);
    expect(history).toHaveLength(1);
  });

  it('writes the results as files in the folder when the store cannot be made', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    // A file where the store's folder would be: the store cannot be made.
    await writeFile(join(folder.dir, '.retouch'), 'not a folder');
    const host = nodeHost(folder.dir);
    const plan = await planEdit(host, {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'make it sepia',
      images: [photo!],
      candidates: {
        root: folder.dir,
        chainRoot: 'photo.png',
        source: { file: 'photo.png', sha256: 'a'.repeat(64) },
      },
    });
    const outcome = await performEdit(host, plan);
    expect(outcome.delivered.candidates).toBeUndefined();
    expect(outcome.outputs.map((output) => output.name)).toEqual(['photo.retouch-1.png']);
    expect(outcome.outputs[0]!.rescued).toBeFalsy();
  });
});
