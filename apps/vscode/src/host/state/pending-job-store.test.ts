import { describe, expect, it } from 'vitest';
import type { MementoLike } from './memento-like.js';
import { type PendingJob, PendingJobStore } from './pending-job-store.js';

function jsonMemento(): MementoLike {
  const values = new Map<string, string>();
  return {
    get: <T>(key: string) => (values.has(key) ? (JSON.parse(values.get(key)!) as T) : undefined),
    update: async (key, value) => {
      values.set(key, JSON.stringify(value));
    },
  };
}

function job(id: string, editId: string): PendingJob {
  return {
    handle: {
      provider: 'queue',
      model: 'fal-ai/flux-pro/kontext',
      id,
      data: { statusUrl: `http://127.0.0.1:1/status/${id}`, attempt: 1, done: false, extra: null },
      createdAt: '2025-01-01T00:00:00.000Z',
    },
    editId,
    prompt: 'grayscale',
    provider: 'queue',
    model: 'fal-ai/flux-pro/kontext',
    options: { n: 2 },
    sources: [{ uri: 'file:///ws/a.png', name: 'a.png', sha256: '00' }],
    outputFolder: 'file:///ws',
    sourceName: 'a.png',
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('PendingJobStore', () => {
  it('survives a reload: a new store over the same state sees the same handles', async () => {
    const memento = jsonMemento();
    await new PendingJobStore(memento).add(job('req-1', 'edit-a'));
    await new PendingJobStore(memento).add(job('req-2', 'edit-a'));
    const reloaded = new PendingJobStore(memento).list();
    expect(reloaded.map((j) => j.handle.id)).toEqual(['req-1', 'req-2']);
    expect(reloaded[0]!.handle.data).toEqual(job('req-1', 'edit-a').handle.data);
  });

  it('forgets one finished job, or every job of a cancelled edit', async () => {
    const store = new PendingJobStore(jsonMemento());
    await store.add(job('req-1', 'edit-a'));
    await store.add(job('req-2', 'edit-a'));
    await store.add(job('req-3', 'edit-b'));
    await store.add(job('req-3', 'edit-b'));
    await store.remove(job('req-1', 'edit-a').handle);
    expect(store.list().map((j) => j.handle.id)).toEqual(['req-2', 'req-3']);
    await store.removeEdit('edit-a');
    expect(store.list().map((j) => j.handle.id)).toEqual(['req-3']);
  });

  it('keeps a job of a finished edit that is still to be followed', async () => {
    const store = new PendingJobStore(jsonMemento());
    await store.add(job('req-1', 'edit-a'));
    await store.add(job('req-2', 'edit-a'));
    await store.removeEdit('edit-a', [job('req-2', 'edit-a').handle]);
    expect(store.list().map((j) => j.handle.id)).toEqual(['req-2']);
  });
});
