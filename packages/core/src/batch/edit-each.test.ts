import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EditImageResult } from '../contract/edit-request.js';
import { png } from '../engine/__fixtures__/test-provider.js';
import {
  createUsageProvider,
  memoryJournal,
  perImagePricing,
} from './__fixtures__/batch-fixtures.js';
import type {
  BatchEvent,
  BatchJournalPort,
  EachItem,
  EditEachRequest,
  JournalEntry,
} from './batch-types.js';
import { editEach } from './edit-each.js';

const key = 'sk-batch-test-5d1e';
let emulator: Emulator;
const photo = new Uint8Array(await png(64, 48));
const items = (count: number): EachItem[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `photo-${i + 1}.png`,
    images: { data: photo, filename: `photo-${i + 1}.png` },
  }));

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const edits = () => emulator.requests.filter((request) => request.route === 'images.edits');

function batch(overrides: Partial<EditEachRequest> = {}) {
  const delivered: Array<{ key: string; images: number }> = [];
  const events: BatchEvent[] = [];
  const request: EditEachRequest = {
    provider: createUsageProvider(emulator.url, key),
    model: 'gpt-image-1',
    prompt: 'make it grayscale',
    items: items(5),
    concurrency: 2,
    maxRetries: 0,
    async deliver(item, result: EditImageResult) {
      delivered.push({ key: item.key, images: result.images.length });
      return { outputs: [`${item.key}.out.png`] };
    },
    onEvent: (event) => events.push(event),
    ...overrides,
  };
  return { request, delivered, events };
}

describe('editEach (against the emulator)', () => {
  it('edits every input on its own, hands each result over as it comes, and journals it', async () => {
    const journal = memoryJournal();
    const { request, delivered, events } = batch({ journal });
    const summary = await editEach(request);
    expect(edits()).toHaveLength(5);
    expect(delivered.map((d) => d.key).sort()).toEqual(items(5).map((item) => item.key));
    expect(summary.counts).toEqual({
      total: 5,
      done: 5,
      running: 0,
      failed: 0,
      skipped: 0,
      left: 0,
    });
    expect([...journal.entries.values()].every((entry) => entry.state === 'done')).toBe(true);
    expect(journal.entries.get('photo-1.png')).toMatchObject({ outputs: ['photo-1.png.out.png'] });
    expect(events.filter((event) => event.type === 'item-finished')).toHaveLength(5);
  });

  it('never has more edits in flight than the concurrency asked for', async () => {
    const provider = createUsageProvider(emulator.url, key);
    let inFlight = 0;
    let most = 0;
    const counting = {
      ...provider,
      edit: async (call: Parameters<NonNullable<typeof provider.edit>>[0]) => {
        most = Math.max(most, ++inFlight);
        try {
          return await provider.edit!(call);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const slowWrites = batch({ provider: counting, items: items(8), concurrency: 3 });
    const summary = await editEach({
      ...slowWrites.request,
      // Writing takes a while: the next edits go out meanwhile, still no more than 3 at once.
      deliver: async (item) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { outputs: [item.key] };
      },
    });
    expect(summary.counts.done).toBe(8);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('holds at most twice the concurrency of results while writing them is stuck', async () => {
    const provider = createUsageProvider(emulator.url, key);
    let editsDone = 0;
    let heldEnough: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      heldEnough = resolve;
    });
    const counting = {
      ...provider,
      edit: async (call: Parameters<NonNullable<typeof provider.edit>>[0]) => {
        const result = await provider.edit!(call);
        if (++editsDone === 4) heldEnough();
        return result;
      },
    };
    let unblock: () => void = () => {};
    const stuck = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const running = editEach({
      ...batch({ provider: counting, items: items(10), concurrency: 2 }).request,
      deliver: async (item) => {
        await stuck;
        return { outputs: [item.key] };
      },
    });
    await held;
    // Two results are being written and two wait for a turn: no edit may start now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(edits()).toHaveLength(4);
    unblock();
    const summary = await running;
    expect(summary.counts.done).toBe(10);
  });

  it('counts an item done only once its journal entry is durable', async () => {
    const durable = new Map<string, JournalEntry>();
    const slowJournal: BatchJournalPort = {
      previous: (key) => durable.get(key),
      async record(key, entry) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        durable.set(key, entry);
      },
    };
    const journaledWhenDone: Array<string | undefined> = [];
    const summary = await editEach({
      ...batch({ journal: slowJournal }).request,
      onEvent: (event) => {
        if (event.type === 'item-finished')
          journaledWhenDone.push(durable.get(event.outcome.key)?.state);
      },
    });
    expect(summary.counts.done).toBe(5);
    expect(journaledWhenDone).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('prepares items a little ahead of their edits, and a failed preparation fails only that item', async () => {
    const journal = memoryJournal();
    const prepared: string[] = [];
    const summary = await editEach({
      ...batch({ journal, items: items(8), concurrency: 2 }).request,
      prepare: async (item) => {
        prepared.push(item.key);
        if (item.key === 'photo-3.png') throw new Error('photo-3.png is unreadable');
        return { ...item, contentHash: `hash-of-${item.key}` };
      },
    });
    expect(prepared).toHaveLength(8);
    expect(summary.counts).toMatchObject({ done: 7, failed: 1 });
    expect(summary.items[2]).toMatchObject({
      status: 'failed',
      error: {
        code: 'invalid_request',
        message: expect.stringContaining('photo-3.png is unreadable'),
      },
    });
    expect(edits()).toHaveLength(7);
    // The hash prepare found is what the journal pins the result to.
    expect(journal.entries.get('photo-1.png')).toMatchObject({
      state: 'done',
      contentHash: 'hash-of-photo-1.png',
    });
  });

  it('skips what an earlier run finished, and retries what failed', async () => {
    const journal = memoryJournal();
    emulator.setFaults([{ route: 'images.edits', afterRequests: 3, times: 2, status: 400 }]);
    const first = await editEach(batch({ journal, concurrency: 1 }).request);
    expect(first.counts).toMatchObject({ done: 3, failed: 2 });
    emulator.reset();
    const second = batch({ journal });
    const summary = await editEach(second.request);
    expect(edits()).toHaveLength(2);
    expect(second.delivered.map((d) => d.key).sort()).toEqual(['photo-4.png', 'photo-5.png']);
    expect(summary.items.filter((item) => item.status === 'done-before')).toHaveLength(3);
    expect(summary.counts).toMatchObject({ done: 5, failed: 0 });
  });

  it('edits an input again when its content changed since it was done', async () => {
    const journal = memoryJournal();
    const hashed = items(2).map((item, i) => ({ ...item, contentHash: `hash-${i}` }));
    await editEach(batch({ journal, items: hashed }).request);
    emulator.reset();
    const changed = [hashed[0]!, { ...hashed[1]!, contentHash: 'hash-changed' }];
    const again = batch({ journal, items: changed });
    await editEach(again.request);
    expect(again.delivered.map((d) => d.key)).toEqual(['photo-2.png']);
  });

  it('pauses the whole batch when one item is told to wait (Retry-After), not just that item', async () => {
    emulator.setFaults([{ route: 'images.edits', times: 1, status: 429, retryAfter: 1 }]);
    const { request, events } = batch({ items: items(6), concurrency: 3, maxRetries: 2 });
    const summary = await editEach(request);
    expect(summary.counts.done).toBe(6);
    const arrivals = edits().map((request) => Date.parse(request.timestamp));
    // Up to three were on their way before the 429 came back; every later one waited it out.
    const first = arrivals[0]!;
    expect(arrivals.slice(3).every((at) => at - first >= 1000)).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'rate-limited', waitMs: 1000, concurrency: 1 }),
    );
  });

  it('reports the cost of each edit from the usage the server reported', async () => {
    const pricing = {
      currency: 'USD',
      billing: 'tokens' as const,
      tokensPerMillion: { textInput: 5, imageInput: 10, imageOutput: 40 },
    };
    const summary = await editEach(batch({ items: items(2), pricing }).request);
    for (const item of summary.items) {
      expect(item.status === 'done' && item.cost.kind).toBe('actual');
    }
    expect(summary.cost.unknown).toBe(0);
    expect(summary.cost.amount).toBeGreaterThan(0);
  });

  it('starts no edit that could take the run over its budget, and says why', async () => {
    // $0.04 an image: two fit in $0.10, the third would not.
    const summary = await editEach(batch({ pricing: perImagePricing, maxCost: 0.1 }).request);
    expect(edits()).toHaveLength(2);
    const refused = summary.items.filter((item) => item.status === 'over-budget');
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatchObject({
      reason: expect.stringMatching(/over the budget of \$0\.10/),
    });
    expect(summary.cost).toMatchObject({ amount: 0.08, unknown: 0 });
  });

  it('sends nothing when even one edit could exceed the budget, or its cost cannot be estimated', async () => {
    const tight = await editEach(batch({ pricing: perImagePricing, maxCost: 0.01 }).request);
    expect(tight.items.every((item) => item.status === 'over-budget')).toBe(true);
    const unpriced = await editEach(batch({ maxCost: 5 }).request);
    expect(unpriced.items[0]).toMatchObject({
      status: 'over-budget',
      reason: expect.stringMatching(/cannot be estimated.*no prices are known for gpt-image-1/),
    });
    expect(edits()).toHaveLength(0);
  });

  it('keeps going past a failed item, but stops starting new ones once the key is refused', async () => {
    emulator.setFaults([{ route: 'images.edits', afterRequests: 1, times: 1, status: 500 }]);
    const mixed = await editEach(batch({ concurrency: 1 }).request);
    expect(mixed.counts).toMatchObject({ done: 4, failed: 1 });

    emulator.reset();
    emulator.setFaults([{ route: 'images.edits', status: 401 }]);
    const refused = await editEach(batch({ concurrency: 1 }).request);
    expect(edits()).toHaveLength(1);
    expect(refused.stopped).toMatchObject({ reason: 'error', error: { code: 'authentication' } });
    expect(refused.items.slice(1).every((item) => item.status === 'not-started')).toBe(true);
  });

  it('stops starting items when cancelled and says which were left', async () => {
    const controller = new AbortController();
    emulator.setFaults([{ route: 'images.edits', afterRequests: 1, delayMs: 30_000 }]);
    let secondStarted: () => void = () => {};
    const second = new Promise<void>((resolve) => {
      secondStarted = resolve;
    });
    const { request } = batch({ concurrency: 1, signal: controller.signal });
    const summary = await editEach({
      ...request,
      // The first result is still being written when the second edit starts (even at
      // concurrency 1); the cancel comes once it is written.
      deliver: async (item) => {
        await second;
        return { outputs: [item.key] };
      },
      onEvent: (event) => {
        if (event.type === 'item-started' && event.key === 'photo-2.png') secondStarted();
        if (event.type === 'item-finished' && event.outcome.status === 'done') controller.abort();
      },
    });
    expect(summary.stopped?.reason).toBe('cancelled');
    expect(summary.items[0]!.status).toBe('done');
    expect(summary.items[1]).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect(summary.items.slice(2).map((item) => item.status)).toEqual([
      'not-started',
      'not-started',
      'not-started',
    ]);
  });
});
