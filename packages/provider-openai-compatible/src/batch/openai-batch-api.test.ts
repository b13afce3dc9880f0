import { randomBytes } from 'node:crypto';
import { type EachItem, type EditCost, isRetouchError } from '@retouch/core';
import { type BatchApiEvent, runBatchApiEdit } from '@retouch/core/batch-api';
import { costOfEdit } from '@retouch/core/cost';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { providerFor, startTestEmulator, tempFolder } from '../__fixtures__/emulator-fixture.js';
import { memoryBatchJournal } from '../__fixtures__/memory-batch-journal.js';
import { solidPng } from '../__fixtures__/test-images.js';

let emulator: Emulator | undefined;
const folder = tempFolder();
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function images(count: number, size = 32): Promise<EachItem[]> {
  const items: EachItem[] = [];
  for (let i = 0; i < count; i++) {
    const path = folder.write(
      `in-${size}-${i}.png`,
      await solidPng(size, size, [i * 20, 100, 200]),
    );
    items.push({ key: `in-${i}.png`, images: path });
  }
  return items;
}

/** A noisy PNG: big enough (over 64 KiB) to go up as a file, not inline. */
async function bigPng(): Promise<Buffer> {
  const raw = randomBytes(256 * 256 * 3);
  return sharp(raw, { raw: { width: 256, height: 256, channels: 3 } })
    .png()
    .toBuffer();
}

function run(
  items: EachItem[],
  journal: ReturnType<typeof memoryBatchJournal>,
  extra: Partial<Parameters<typeof runBatchApiEdit>[0]> = {},
) {
  const provider = providerFor(emulator!);
  const delivered: Array<{ key: string; bytes: number; cost: EditCost }> = [];
  const events: BatchApiEvent[] = [];
  const summary = runBatchApiEdit({
    provider,
    model: 'gpt-image-1',
    prompt: 'grayscale',
    items,
    pricing: provider.models.find((model) => model.id === 'gpt-image-1')!.pricing,
    journal: journal.port,
    poll: { firstMs: 30, maxMs: 200 },
    onEvent: (event) => events.push(event),
    async deliver(item, result, cost) {
      delivered.push({ key: item.key, bytes: result.images[0]!.data.byteLength, cost });
      return { outputs: [`${item.key}.out.png`] };
    },
    ...extra,
  });
  return { summary, delivered, events, provider };
}

describe('edit-each on the Batch API, against the emulator', () => {
  it('sends one batch (big inputs uploaded as files), delivers every result at half the live price', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 4000 });
    const items = await images(4);
    items.push({ key: 'big.png', images: folder.write('big.png', await bigPng()) });
    const journal = memoryBatchJournal();
    const { summary, delivered, provider } = run(items, journal);
    const done = await summary;
    expect(done.counts).toMatchObject({ total: 5, done: 5, failed: 0 });
    expect(done.batches).toHaveLength(1);
    expect(done.batches[0]!.status).toBe('completed');
    expect(delivered.map((d) => d.key).sort()).toEqual([...items.map((i) => i.key)].sort());
    expect(emulator.batches.size).toBe(1);
    const uploads = emulator.requests.filter((r) => r.route === 'files.create');
    expect(uploads).toHaveLength(2); // the big image, then the input file
    // The batch price: half of what the same usage costs live.
    const pricing = provider.models.find((model) => model.id === 'gpt-image-1')!.pricing!;
    const first = done.items.find((item) => item.status === 'done')!;
    if (first.status !== 'done' || first.cost.kind !== 'actual') throw new Error('no cost');
    expect(first.cost.amount).toBeGreaterThan(0);
    expect(done.priceFactor).toBe(0.5);
    expect(journal.parts()[0]).toMatchObject({ delivered: true, status: 'completed' });
    expect(pricing.currency).toBe('USD');
  });

  it('costs exactly half of the live cost of the same usage', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 2000 });
    const provider = providerFor(emulator);
    const pricing = provider.models.find((model) => model.id === 'gpt-image-1')!.pricing!;
    const journal = memoryBatchJournal();
    const results: Array<{ cost: EditCost; live: EditCost }> = [];
    await runBatchApiEdit({
      provider,
      model: 'gpt-image-1',
      prompt: 'sepia',
      items: await images(1),
      pricing,
      journal: journal.port,
      poll: { firstMs: 30, maxMs: 100 },
      async deliver(_item, result, cost) {
        results.push({ cost, live: costOfEdit({ pricing, result }) });
        return { outputs: [] };
      },
    });
    const [{ cost, live }] = results as [{ cost: EditCost; live: EditCost }];
    if (cost.kind !== 'actual' || live.kind !== 'actual') throw new Error('unknown cost');
    expect(cost.amount).toBeCloseTo(live.amount / 2, 10);
  });

  it('splits the work into several batches when one would pass the request limit', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 3000 });
    const provider = providerFor(emulator);
    const limited = {
      ...provider,
      batchApi: { ...provider.batchApi, limits: { maxRequests: 2, maxFileBytes: 1e9 } },
    };
    const journal = memoryBatchJournal();
    const done = await runBatchApiEdit({
      provider: limited,
      model: 'gpt-image-1',
      prompt: 'invert',
      items: await images(5),
      journal: journal.port,
      poll: { firstMs: 30, maxMs: 100 },
      deliver: async () => ({ outputs: ['x'] }),
    });
    expect(done.batches).toHaveLength(3);
    expect(emulator.batches.size).toBe(3);
    expect(done.counts.done).toBe(5);
  });

  it('reads the output file again when the connection drops halfway through it', async () => {
    emulator = await startTestEmulator({
      batchWindowMs: 3000,
      faults: [{ route: 'files.content', times: 1, truncate: true }],
    });
    const journal = memoryBatchJournal();
    const { summary, delivered } = run(await images(3), journal);
    const done = await summary;
    expect(done.counts.done).toBe(3);
    expect(delivered).toHaveLength(3);
    expect(emulator.requests.filter((r) => r.route === 'files.content')).toHaveLength(2);
  });

  it('refuses a model without batch edits before anything is sent, naming those that have them', async () => {
    emulator = await startTestEmulator();
    const journal = memoryBatchJournal();
    const { summary } = run(await images(1), journal, { model: 'gpt-image-2' });
    const error = await summary.catch((e: unknown) => e);
    expect(isRetouchError(error) && error.code).toBe('invalid_request');
    expect(String((error as Error).message)).toMatch(
      /gpt-image-1\b.*gpt-image-1-mini|gpt-image-1-mini.*gpt-image-1\b/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it('lists the failing lines with their errors and delivers the rest', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 3000, batchFailLines: [2, 4] });
    const journal = memoryBatchJournal();
    const { summary, delivered } = run(await images(5), journal);
    const done = await summary;
    expect(delivered).toHaveLength(3);
    const failed = done.items.filter((item) => item.status === 'failed');
    expect(failed.map((item) => item.key).sort()).toEqual(['in-1.png', 'in-3.png']);
    for (const item of failed) {
      if (item.status !== 'failed') continue;
      expect(item.error.code).toBe('content_policy');
      expect(item.error.message).toMatch(/safety system/);
    }
    expect(journal.items.get('in-1.png')?.state).toBe('failed');
  });

  it('after a stop once the batch exists, a second run follows the same batch', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 4000 });
    const items = await images(3);
    const journal = memoryBatchJournal();
    const stop = new AbortController();
    const first = run(items, journal, {
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'batch-submitted') stop.abort();
      },
    });
    const stopped = await first.summary;
    expect(stopped.stopped?.reason).toBe('cancelled');
    expect(first.delivered).toHaveLength(0);
    const second = run(items, journal);
    const done = await second.summary;
    expect(done.counts.done).toBe(3);
    expect(emulator.batches.size).toBe(1);
    expect(emulator.requests.filter((r) => r.route === 'batches.create')).toHaveLength(1);
  });

  it('after a crash between creating the batch and recording it, finds it instead of paying twice', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 3000 });
    const items = await images(2);
    const journal = memoryBatchJournal({ failOnSave: 2 });
    await expect(run(items, journal).summary).rejects.toThrow(/disk went away/);
    expect(journal.parts()[0]!.batchId).toBeUndefined();
    const done = await run(items, journal).summary;
    expect(done.counts.done).toBe(2);
    expect(emulator.batches.size).toBe(1);
  });

  it('cancels the batch on the server and delivers what it finished', async () => {
    emulator = await startTestEmulator({ batchWindowMs: 20_000 });
    const items = await images(4);
    const journal = memoryBatchJournal();
    const stop = new AbortController();
    await run(items, journal, {
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'batch-submitted') stop.abort();
      },
    }).summary;
    const cancelled = await run(items, journal, { cancel: true }).summary;
    expect(cancelled.batches[0]!.status).toBe('cancelled');
    expect([...emulator.batches.values()][0]!.status).toBe('cancelled');
    expect(cancelled.counts.failed + cancelled.counts.done).toBe(4);
    expect(cancelled.counts.failed).toBeGreaterThan(0);
  });
});
