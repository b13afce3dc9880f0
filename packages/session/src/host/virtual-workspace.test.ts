import { readOutputRecord } from '@retouch/output';
import type { Emulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUri, memoryFileSystem } from '../__fixtures__/memory-file-system.js';
import {
  apiKey,
  openAIProvider,
  png,
  startSessionEmulator,
} from '../__fixtures__/session-fixture.js';
import { createSession } from '../create-session.js';
import type { DeliveredEdit } from '../deliver/delivered-edit.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startSessionEmulator();
});
afterAll(() => emulator.close());

describe('a host without node:fs', () => {
  it('edits, batches and delivers through the file-system port alone, over object locations', async () => {
    const { fs, files } = memoryFileSystem();
    await fs.createFolder(new MemoryUri('/work/photos'));
    const images = ['a.png', 'b.png'].map((name) => new MemoryUri(`/work/photos/${name}`));
    for (const [index, image] of images.entries()) await fs.writeFile(image, png(index + 1));
    const history: DeliveredEdit<MemoryUri>[] = [];
    const session = createSession({
      fs,
      tool: { name: 'virtual-host', version: '1.0.0' },
      rescueFolder: new MemoryUri('/storage/rescued'),
      secrets: [apiKey],
      history: (edit) => void history.push(edit),
      sidecar: (folder) => folder.path.endsWith('/photos'),
    });
    const provider = openAIProvider(emulator);

    const single = await session.edit(
      await session.plan({ provider, model: 'gpt-image-1', prompt: 'sepia', images: [images[0]!] }),
    );
    expect(single.outputs.map((output) => output.location.toString())).toEqual([
      'mem:///work/photos/a.retouch-1.png',
    ]);
    expect(single.outputs[0]!.recordIn).toBe('image+sidecar');
    const found = await readOutputRecord(fs, single.outputs[0]!.location);
    expect(found?.record).toMatchObject({ prompt: 'sepia', sources: [{ path: 'a.png' }] });

    const out = new MemoryUri('/work/sepia');
    const plan = await session.plan({ provider, prompt: 'sepia', images, each: true, out });
    const batch = await session.each(plan);
    expect(batch.items.map((item) => item.outcome.status)).toEqual(['done', 'done']);
    expect(batch.journal.toString()).toMatch(/^mem:\/\/\/work\/sepia\/\.retouch-batch-/);
    const again = await session.each(plan);
    expect(again.items.map((item) => item.outcome.status)).toEqual(['done-before', 'done-before']);
    expect([...files.keys()].filter((path) => path.startsWith('/work/sepia/a.'))).toEqual([
      '/work/sepia/a.retouch-1.png',
    ]);
    expect(history).toHaveLength(3);
  });
});
