import { describe, expect, it } from 'vitest';
import { createChangeFilter } from './watch-status.js';

describe('createChangeFilter', () => {
  it('reports each queue position and each log line once', () => {
    const changes = createChangeFilter();
    const seen = [
      changes({ state: 'queued', position: 2 }),
      changes({ state: 'queued', position: 2 }),
      changes({ state: 'queued', position: 1 }),
      changes({ state: 'running', logs: ['a'] }),
      changes({ state: 'running', logs: ['a'] }),
      changes({ state: 'running', logs: ['a', 'b', 'c'] }),
      changes({ state: 'completed' }),
      changes({ state: 'completed' }),
    ].filter(Boolean);
    expect(seen).toEqual([
      { state: 'queued', position: 2 },
      { state: 'queued', position: 1 },
      { state: 'running', logs: ['a'] },
      { state: 'running', logs: ['b', 'c'] },
      { state: 'completed' },
    ]);
  });
});
