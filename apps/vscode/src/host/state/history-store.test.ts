import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history-entry.js';
import { HistoryStore } from './history-store.js';
import type { MementoLike } from './memento-like.js';

/** A Memento that round-trips through JSON, as VS Code's storage does. */
function jsonMemento(): MementoLike {
  const values = new Map<string, string>();
  return {
    get: <T>(key: string) => (values.has(key) ? (JSON.parse(values.get(key)!) as T) : undefined),
    update: async (key, value) => {
      values.set(key, JSON.stringify(value));
    },
  };
}

function record(id: string, prompt: string): HistoryEntry {
  return {
    version: 2,
    id,
    createdAt: new Date(0).toISOString(),
    prompt,
    provider: 'queue',
    model: 'fal-ai/flux-pro/kontext',
    options: { n: 1 },
    sources: [{ uri: 'file:///ws/a.png', name: 'a.png', sha256: '00' }],
    requestIds: [],
    outputs: [
      {
        uri: 'file:///ws/a.retouch-1.png',
        name: 'a.retouch-1.png',
        mediaType: 'image/png',
        width: 8,
        height: 8,
      },
    ],
    warnings: [],
  };
}

describe('HistoryStore', () => {
  it('lists edits newest first and keeps at most the configured number', async () => {
    let max = 3;
    const store = new HistoryStore(jsonMemento(), () => max);
    for (const id of ['1', '2', '3', '4']) await store.add(record(id, `prompt ${id}`));
    expect(store.list().map((r) => r.id)).toEqual(['4', '3', '2']);
    max = 1;
    await store.add(record('5', 'prompt 5'));
    expect(store.list().map((r) => r.id)).toEqual(['5']);
    expect(store.get('5')?.outputs[0]?.name).toBe('a.retouch-1.png');
  });

  it('offers recent prompts once each, most recent first', async () => {
    const store = new HistoryStore(jsonMemento(), () => 10);
    await store.add(record('1', 'make it sepia'));
    await store.add(record('2', 'remove the background'));
    await store.add(record('3', '  make it sepia '));
    await store.rememberPrompt('   ');
    expect(store.recentPrompts()).toEqual(['make it sepia', 'remove the background']);
  });

  it('still lists the edits an older version kept, with their request id', async () => {
    const memento = jsonMemento();
    const { requestIds: _ids, ...rest } = record('old', 'make it sepia');
    await memento.update('retouch.history', [
      { ...rest, version: 1, requestId: 'req_1' },
      { something: 'else' },
    ]);
    const store = new HistoryStore(memento, () => 10);
    expect(store.list()).toEqual([{ ...record('old', 'make it sepia'), requestIds: ['req_1'] }]);
  });
});
