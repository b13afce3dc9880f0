import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEntry } from '@retouch/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeOutputFileSystem } from '../file-system/node-output-file-system.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { batchJournalName, openBatchJournal } from './batch-journal.js';

const batch = {
  provider: 'openai-compatible',
  model: 'gpt-image-2',
  prompt: 'sepia',
  options: { n: 1 },
};
const done = (output: string): JournalEntry => ({
  state: 'done',
  outputs: [output],
  requestIds: ['req_1'],
  cost: { kind: 'actual', amount: 0.04, currency: 'USD', basis: 'usage' },
  updatedAt: '2026-11-23T20:00:00.000Z',
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-journal-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openBatchJournal', () => {
  it('keeps entries across runs of the same batch, apart from other batches in the folder', async () => {
    const first = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    await first.record('a.png', done('a.retouch-1.png'));
    const again = await openBatchJournal(nodeOutputFileSystem, dir, { batch: { ...batch } });
    expect(again.known).toBe(1);
    expect(again.previous('a.png')).toEqual(done('a.retouch-1.png'));
    const other = await openBatchJournal(nodeOutputFileSystem, dir, {
      batch: { ...batch, prompt: 'blur' },
    });
    expect(other.previous('a.png')).toBeUndefined();
    // Hidden, and named after the batch.
    expect(await readdir(dir)).toEqual([batchJournalName(batch)]);
    await again.discard();
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps a running job with how its answer goes back into the picture, for the next run to resume', async () => {
    const running: JournalEntry = {
      state: 'running',
      handle: {
        provider: 'queue',
        model: 'flux-kontext',
        id: 'job-1',
        data: { statusUrl: 'https://queue.example/job-1' },
        createdAt: '2026-11-23T20:00:00.000Z',
        framing: {
          full: { width: 6000, height: 4000 },
          region: { left: 4000, top: 2400, width: 1200, height: 800 },
          canvas: { width: 1200, height: 800 },
          left: 0,
          top: 0,
          padded: false,
          feather: 8,
        },
      },
      updatedAt: '2026-11-23T20:00:00.000Z',
    };
    const first = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    await first.record('a.png', running);
    const again = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    expect(again.previous('a.png')).toEqual(running);
  });

  it('is the same batch whatever does not shape a result (partial images, the user tag)', async () => {
    const first = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    await first.record('a.png', done('a.retouch-1.png'));
    const again = await openBatchJournal(nodeOutputFileSystem, dir, {
      batch: { ...batch, options: { n: 1, partialImages: 2, user: 'me' } },
    });
    expect(again.previous('a.png')).toEqual(done('a.retouch-1.png'));
    const bigger = await openBatchJournal(nodeOutputFileSystem, dir, {
      batch: { ...batch, options: { n: 1, size: '1024x1024' } },
    });
    expect(bigger.previous('a.png')).toBeUndefined();
  });

  it('writes entries recorded together in a few writes, and loses none of them', async () => {
    let writes = 0;
    const counting: OutputFileSystem<string> = {
      ...nodeOutputFileSystem,
      writeFile: async (location, data) => {
        writes += 1;
        await nodeOutputFileSystem.writeFile(location, data);
      },
    };
    const journal = await openBatchJournal(counting, dir, { batch });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => journal.record(`${i}.png`, done(`${i}.out.png`))),
    );
    expect(writes).toBeLessThan(10);
    const reopened = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    expect(reopened.known).toBe(50);
  });

  it('survives a crash in the middle of a write: the journal before it is still whole', async () => {
    const journal = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    await journal.record('a.png', done('a.retouch-1.png'));
    const crashing: OutputFileSystem<string> = {
      ...nodeOutputFileSystem,
      writeFile: async (location, data) => {
        await writeFile(location, data.subarray(0, data.byteLength / 2));
        throw new Error('the machine lost power');
      },
    };
    const torn = await openBatchJournal(crashing, dir, { batch });
    await expect(torn.record('b.png', done('b.retouch-1.png'))).rejects.toThrow(/lost power/);
    const after = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    expect(after.previous('a.png')).toEqual(done('a.retouch-1.png'));
    expect(after.notes).toEqual([]);
  });

  it('recovers the newest copy a crash left in its temporary file, where a port cannot replace in one step', async () => {
    const { replaceFile: _atomic, ...rest } = nodeOutputFileSystem;
    let renames = 0;
    const dying: OutputFileSystem<string> = {
      ...rest,
      renameNoOverwrite: async (from, to) => {
        renames += 1;
        if (renames === 2) throw new Error('killed between delete and rename');
        return nodeOutputFileSystem.renameNoOverwrite(from, to);
      },
      delete: async () => undefined,
    };
    const journal = await openBatchJournal(dying, dir, { batch });
    await journal.record('a.png', done('a.retouch-1.png'));
    // The second write's temporary file is all there is of it when the process dies.
    const realDelete = nodeOutputFileSystem.delete;
    await realDelete(join(dir, batchJournalName(batch)));
    await expect(journal.record('b.png', done('b.retouch-1.png'))).rejects.toThrow(/killed/);
    const recovered = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    expect(recovered.previous('a.png')).toBeDefined();
    expect(recovered.previous('b.png')).toEqual(done('b.retouch-1.png'));
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('starts afresh, and says so, when the journal is not one it can trust', async () => {
    await writeFile(
      join(dir, batchJournalName(batch)),
      '{"schema":"retouch.batch/v1","items":{"a.png":',
    );
    const journal = await openBatchJournal(nodeOutputFileSystem, dir, { batch });
    expect(journal.known).toBe(0);
    expect(journal.notes[0]).toMatch(/could not be read, so every item is edited again/);
    await journal.record('a.png', done('a.retouch-1.png'));
    expect(
      JSON.parse(await readFile(join(dir, batchJournalName(batch)), 'utf8')).items['a.png'].state,
    ).toBe('done');
  });
});
