import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchApiPart } from '@retouch/core/batch-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeOutputFileSystem as fs } from '../file-system/node-output-file-system.js';
import { batchApiJournalName, openBatchApiJournal } from './batch-api-journal.js';
import { batchJournalName } from './batch-journal.js';

const batch = { provider: 'openai-compatible', model: 'gpt-image-1', prompt: 'sepia', options: {} };
const part = (extra: Partial<BatchApiPart> = {}): BatchApiPart => ({
  index: 0,
  keys: ['a.png', 'b.png'],
  customIds: ['r0', 'r1'],
  contentHashes: ['aa', null],
  inputFileId: 'file-1',
  updatedAt: '2026-12-07T10:00:00.000Z',
  ...extra,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-batch-api-journal-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openBatchApiJournal', () => {
  it('keeps each step across runs: the upload, then the batch, then the items', async () => {
    const first = await openBatchApiJournal(fs, dir, { batch });
    await first.savePart(part());
    await first.savePart(part({ batchId: 'batch_1', status: 'validating' }));
    await first.recordItem('a.png', {
      state: 'done',
      outputs: ['a.retouch-1.png'],
      requestIds: ['req_1'],
      updatedAt: '2026-12-07T10:00:00.000Z',
    });
    const again = await openBatchApiJournal(fs, dir, { batch: { ...batch } });
    expect(again.parts()).toEqual([part({ batchId: 'batch_1', status: 'validating' })]);
    expect(again.item('a.png')?.state).toBe('done');
    const other = await openBatchApiJournal(fs, dir, { batch: { ...batch, prompt: 'blur' } });
    expect(other.parts()).toEqual([]);
  });

  it('is a hidden file of its own beside the --each journal, and a torn one starts afresh with a note', async () => {
    expect(batchApiJournalName(batch)).toMatch(/^\.retouch-batch-api-[0-9a-f]{16}\.json$/);
    expect(batchApiJournalName(batch)).not.toBe(batchJournalName(batch));
    const journal = await openBatchApiJournal(fs, dir, { batch });
    await journal.savePart(part());
    expect(await readdir(dir)).toEqual([batchApiJournalName(batch)]);
    const text = await readFile(join(dir, batchApiJournalName(batch)), 'utf8');
    await writeFile(join(dir, batchApiJournalName(batch)), text.slice(0, text.length / 2));
    const torn = await openBatchApiJournal(fs, dir, { batch });
    expect(torn.parts()).toEqual([]);
    expect(torn.notes[0]).toMatch(/could not be read/);
  });

  it('writes a burst of entries in a few writes, and every one is on disk once they resolve', async () => {
    const journal = await openBatchApiJournal(fs, dir, { batch });
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        journal.recordItem(`${i}.png`, {
          state: 'failed',
          error: { code: 'content_policy', message: 'refused' },
          updatedAt: '2026-12-07T10:00:00.000Z',
        }),
      ),
    );
    const saved = JSON.parse(await readFile(join(dir, batchApiJournalName(batch)), 'utf8'));
    expect(Object.keys(saved.items)).toHaveLength(200);
    expect(saved.revision).toBeLessThan(5);
  });

  it('rewrites itself a few times a second, not once per entry, while results arrive one by one, and flush writes at once', async () => {
    const journal = await openBatchApiJournal(fs, dir, { batch });
    const entries: Promise<void>[] = [];
    const started = performance.now();
    // As a finished batch's results are delivered: an entry every few milliseconds, not awaited.
    for (let i = 0; i < 60; i++) {
      entries.push(
        journal.recordItem(`${i}.png`, {
          state: 'done',
          outputs: [`${i}.retouch-1.png`],
          requestIds: [`req_${i}`],
          updatedAt: '2026-12-07T10:00:00.000Z',
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const flushStarted = performance.now();
    await journal.flush();
    expect(performance.now() - flushStarted).toBeLessThan(200);
    await Promise.all(entries);
    const saved = JSON.parse(await readFile(join(dir, batchApiJournalName(batch)), 'utf8'));
    expect(Object.keys(saved.items)).toHaveLength(60);
    // At most one write per 250 ms of recording, plus the first and the flush.
    expect(saved.revision).toBeLessThanOrEqual(Math.ceil((flushStarted - started) / 250) + 2);
  });
});
