import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openBatchJournal } from '@retouch/output';
import { hashFile, nodeOutputFileSystem } from '@retouch/output/node';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeHost,
  openAIProvider,
  png,
  startSessionEmulator,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import type { EditRequest } from '../plan/edit-request.js';
import { planEdit } from '../plan/plan-edit.js';
import { dryRun } from '../run/dry-run.js';
import { batchIdentity } from './batch-identity.js';
import { performEach } from './perform-each.js';

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

const edits = () => emulator.requests.filter((request) => request.route === 'images.edits');
const results = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.includes('.retouch-') && !name.startsWith('.')).sort();

describe('performEach', () => {
  it('edits each image on its own, and run again retries only what failed', async () => {
    const images = await writeImages(folder.dir, ['a.png', 'b.png', 'c.png']);
    const host = nodeHost(folder.dir);
    const request: EditRequest<string> = {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images,
      each: true,
    };
    emulator.setFaults([{ route: 'images.edits', afterRequests: 1, times: 1, status: 400 }]);
    const first = await performEach(host, await planEdit(host, request), { concurrency: 1 });
    expect(first.items.map((item) => item.outcome.status)).toEqual(['done', 'failed', 'done']);
    expect(first.items[0]!.delivered?.delivery.outputs[0]?.name).toBe('a.retouch-1.png');
    expect(first.journal.startsWith(folder.dir)).toBe(true);

    emulator.clearFaults();
    const before = edits().length;
    const plan = await planEdit(host, request);
    expect(await dryRun(host, plan)).toMatchObject({ edits: 1, doneBefore: 2 });
    const second = await performEach(host, plan);
    expect(edits().length - before).toBe(1);
    expect(second.items.map((item) => item.outcome.status)).toEqual([
      'done-before',
      'done',
      'done-before',
    ]);
    expect(await results(folder.dir)).toEqual([
      'a.retouch-1.png',
      'b.retouch-1.png',
      'c.retouch-1.png',
    ]);
    // Kept by default: the same batch run once more pays for nothing.
    expect((await readdir(folder.dir)).some((name) => name.startsWith('.retouch-batch-'))).toBe(
      true,
    );
    const third = await performEach(host, plan, { discardWhenDone: true });
    expect(third.summary.counts.done).toBe(3);
    expect((await readdir(folder.dir)).some((name) => name.startsWith('.retouch-batch-'))).toBe(
      false,
    );
  });

  it('is the same batch whichever way the output folder was named, and finds a journal of the old naming', async () => {
    const images = await writeImages(folder.dir, ['a.png', 'b.png']);
    const out = join(folder.dir, 'out');
    const host = nodeHost(folder.dir);
    const request: EditRequest<string> = {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images,
      each: true,
      out,
    };
    const plan = await planEdit(host, request);
    // A journal an older CLI wrote for `--out`, with a.png done.
    const legacy = await openBatchJournal(nodeOutputFileSystem, out, {
      batch: { ...batchIdentity(plan, undefined), out },
    });
    await writeFile(join(out, 'a.retouch-1.png'), png(9));
    await legacy.record('../a.png', {
      state: 'done',
      contentHash: await hashFile(images[0]!),
      outputs: [join(out, 'a.retouch-1.png')],
      requestIds: [],
      updatedAt: new Date().toISOString(),
    });
    await legacy.flush();
    const outcome = await performEach(host, plan);
    expect(outcome.items.map((item) => item.outcome.status)).toEqual(['done-before', 'done']);
    expect(edits()).toHaveLength(1);
    // Planned from a policy instead of a named folder, it is the same batch.
    const fromPolicy = await planEdit(host, {
      ...request,
      out: undefined,
      outputFolder: () => out,
    });
    const again = await performEach(host, fromPolicy);
    expect(again.items.map((item) => item.outcome.status)).toEqual(['done-before', 'done-before']);
  });

  it('dry-runs a batch: refuses what the engine would refuse, naming each input', async () => {
    const images = await writeImages(folder.dir, ['a.png', 'b.png']);
    await writeFile(images[1]!, 'not an image');
    const host = nodeHost(folder.dir);
    const plan = await planEdit(host, {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images,
      each: true,
    });
    const error = await dryRun(host, plan).catch((caught) => caught);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/^Dry run: b\.png: /);
    expect(emulator.requests).toHaveLength(0);
  });
});
