import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OutputFileSystem } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKey,
  nodeHost,
  openAIProvider,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import type { EditRequest } from '../plan/edit-request.js';
import { planEdit } from '../plan/plan-edit.js';
import { performBatchApiEach } from './perform-batch-api-each.js';

let emulator: Emulator;
let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey, batchWindowMs: 20_000 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  folder = await tempFolder();
  emulator.reset();
});
afterEach(() => folder.remove());

const poll = { firstMs: 20, maxMs: 100 };
const results = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.includes('.retouch-') && !name.startsWith('.')).sort();
const isJournal = (location: string) => basename(location).includes('.retouch-batch-api-');

/**
 * The node file system, except that once `freeze()` is called nothing more of the batch-API
 * journal reaches the disk (its writes are coalesced, a few a second, so the results written last
 * are not in it yet), and once `kill()` is called nothing at all does: what a process killed at
 * that moment leaves behind.
 */
function killableFileSystem() {
  let frozen = false;
  let killed = false;
  const gone = () => {
    if (killed) throw Object.assign(new Error('the process was killed'), { code: 'EIO' });
  };
  const fs: OutputFileSystem<string> = {
    ...nodeOutputFileSystem,
    async writeFile(location, data) {
      gone();
      if (frozen && isJournal(location)) return;
      return nodeOutputFileSystem.writeFile(location, data);
    },
    async replaceFile(from, to) {
      gone();
      if (frozen && isJournal(to)) return;
      return nodeOutputFileSystem.replaceFile!(from, to);
    },
    async renameNoOverwrite(from, to) {
      gone();
      if (frozen && isJournal(to)) return 'renamed';
      return nodeOutputFileSystem.renameNoOverwrite(from, to);
    },
    async delete(location) {
      gone();
      return nodeOutputFileSystem.delete(location);
    },
  };
  return {
    fs,
    freeze: () => {
      frozen = true;
    },
    kill: () => {
      killed = true;
    },
  };
}

describe('performBatchApiEach', () => {
  it('run again after a kill mid-delivery: no result is written twice, none is lost', async () => {
    const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'f.png'];
    const images = await writeImages(folder.dir, names);
    const request: EditRequest<string> = {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images,
      each: true,
    };
    const killable = killableFileSystem();
    const host = nodeHost(folder.dir, { fs: killable.fs });
    const stop = new AbortController();
    let finished = 0;
    await performBatchApiEach(host, await planEdit(host, request), {
      poll,
      signal: stop.signal,
      onEvent(event) {
        if (event.type !== 'item-finished') return;
        // From the first result on, the journal on disk no longer moves; after the third the
        // process is gone.
        killable.freeze();
        if (++finished === 3) {
          killable.kill();
          stop.abort();
        }
      },
    }).catch(() => undefined);
    const written = await results(folder.dir);
    expect(written.length).toBeGreaterThanOrEqual(3);
    expect(written.length).toBeLessThan(names.length);

    const again = nodeHost(folder.dir);
    const rerun = await performBatchApiEach(again, await planEdit(again, request), { poll });
    expect(rerun.summary.counts).toMatchObject({ total: 6, done: 6, failed: 0 });
    const statuses = rerun.items.map((item) => item.outcome.status);
    // What the killed run wrote is found by the record inside it, and not written again.
    expect(statuses.filter((status) => status === 'done-before')).toHaveLength(written.length);
    expect(statuses.filter((status) => status === 'done')).toHaveLength(6 - written.length);
    expect(await results(folder.dir)).toEqual(
      names.map((name) => name.replace('.png', '.retouch-1.png')),
    );
    expect(emulator.requests.filter((r) => r.route === 'batches.create')).toHaveLength(1);
    for (const item of rerun.items) {
      expect(item.outcome.status === 'done' || item.outcome.status === 'done-before').toBe(true);
      if (item.outcome.status === 'done' || item.outcome.status === 'done-before') {
        expect(item.outcome.outputs).toEqual([item.input.replace(/\.png$/, '.retouch-1.png')]);
      }
    }
    // A third run finds everything done in the journal and writes nothing.
    const third = await performBatchApiEach(again, await planEdit(again, request), { poll });
    expect(third.items.map((item) => item.outcome.status)).toEqual(names.map(() => 'done-before'));
    expect(await results(folder.dir)).toHaveLength(6);
  });

  it('a journal that cannot be written mid-delivery: every result still reaches the disk, and the run stops, saying the journal could not be written', async () => {
    const names = ['a.png', 'b.png', 'c.png', 'd.png'];
    const images = await writeImages(folder.dir, names);
    const request: EditRequest<string> = {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images,
      each: true,
    };
    let full = false;
    const diskFull = () => Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    // Once the first result arrives, the journal's disk is full; the outputs' is not.
    const fs: OutputFileSystem<string> = {
      ...nodeOutputFileSystem,
      async writeFile(location, data) {
        if (full && isJournal(location)) throw diskFull();
        return nodeOutputFileSystem.writeFile(location, data);
      },
    };
    const host = nodeHost(folder.dir, { fs });
    const run = performBatchApiEach(host, await planEdit(host, request), {
      poll,
      onEvent(event) {
        if (event.type === 'item-finished') full = true;
      },
    });
    // Said as the output folder's problem, naming the journal and the disk's reason.
    await expect(run).rejects.toMatchObject({
      code: 'output',
      message: expect.stringMatching(
        /batch journal .* could not be written \(no space left on device\)/,
      ),
    });
    expect(await results(folder.dir)).toEqual(
      names.map((name) => name.replace('.png', '.retouch-1.png')),
    );
  });
});
