import { describe, expect, it } from 'vitest';
import type { JobHandle } from '../contract/job-handle.js';
import type { LongJobSteps } from '../contract/provider.js';
import {
  createTestProvider,
  imagesFor,
  png,
  untilAborted,
} from '../engine/__fixtures__/test-provider.js';
import { memoryJournal } from './__fixtures__/batch-fixtures.js';
import { editEach } from './edit-each.js';

const photo = new Uint8Array(await png(64, 48));

function queueProvider(options: { hangFirst?: boolean } = {}) {
  const started: string[] = [];
  const followed: string[] = [];
  const jobs: LongJobSteps = {
    async start(call) {
      const id = `job-${started.length + 1}`;
      started.push(id);
      return {
        provider: 'test',
        model: call.model,
        id,
        data: { n: call.n },
        createdAt: new Date(0).toISOString(),
      };
    },
    async *watch(handle, { signal }) {
      followed.push(handle.id);
      yield { state: 'running' };
      if (options.hangFirst && handle.id === 'job-1') await untilAborted(signal);
    },
    result: (handle) => imagesFor({ n: Number(handle.data.n) } as never),
    cancel: async () => 'cancelled',
  };
  return { provider: createTestProvider({ jobs }), started, followed };
}

describe('editEach with long jobs', () => {
  it('follows a job an earlier run left running instead of submitting it again', async () => {
    const handle: JobHandle = {
      provider: 'test',
      model: 'test-model',
      id: 'job-from-before',
      data: { n: 1 },
      createdAt: new Date(0).toISOString(),
    };
    const journal = memoryJournal({
      'a.png': { state: 'running', handle, updatedAt: new Date(0).toISOString() },
    });
    const { provider, started, followed } = queueProvider();
    const summary = await editEach({
      provider,
      model: 'test-model',
      prompt: 'sepia',
      items: ['a.png', 'b.png'].map((key) => ({ key, images: { data: photo, filename: key } })),
      journal,
      deliver: async (item) => ({ outputs: [`${item.key}.out`] }),
    });
    expect(followed).toContain('job-from-before');
    expect(started).toHaveLength(1);
    expect(summary.items[0]).toMatchObject({ status: 'done', resumed: true });
    expect(summary.items[1]).toMatchObject({ status: 'done', resumed: false });
  });

  it('journals a job the moment it is submitted, so a crash leaves its handle behind', async () => {
    const journal = memoryJournal();
    const { provider } = queueProvider({ hangFirst: true });
    const controller = new AbortController();
    const running = editEach({
      provider,
      model: 'test-model',
      prompt: 'sepia',
      items: [{ key: 'a.png', images: { data: photo, filename: 'a.png' } }],
      journal,
      signal: controller.signal,
      deliver: async () => ({ outputs: [] }),
      onEvent: (event) => {
        if (event.type === 'item-progress' && event.event.type === 'running') {
          // What a crash at this moment would leave on disk:
          expect(journal.entries.get('a.png')).toMatchObject({
            state: 'running',
            handle: { id: 'job-1' },
          });
          controller.abort();
        }
      },
    });
    const summary = await running;
    expect(summary.items[0]).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    // Cancelled on the server: nothing to follow next time, so it will be submitted again.
    expect(journal.entries.get('a.png')).toMatchObject({ state: 'failed' });
    expect(journal.entries.get('a.png')).not.toHaveProperty('handle');
  });
});
