import { describe, expect, it } from 'vitest';
import { type HistoryEntry, mergeHistory } from './history-entry.js';

function entry(id: string, createdAt: string, outputs: string[], madeBy?: string): HistoryEntry {
  return {
    version: 2,
    id,
    createdAt,
    prompt: id,
    provider: 'p',
    model: 'm',
    options: {},
    sources: [],
    requestIds: [],
    outputs: outputs.map((uri) => ({
      uri,
      name: uri,
      mediaType: 'image/png',
      width: 1,
      height: 1,
    })),
    warnings: [],
    ...(madeBy ? { madeBy } : {}),
  };
}

describe('mergeHistory', () => {
  it("lists the workspace's edits and those found on disk once each, newest first", () => {
    const own = [entry('mine', '2025-01-02T00:00:00Z', ['a1'])];
    const found = [
      entry('mine', '2025-01-02T00:00:00Z', ['a1']),
      entry('cli', '2025-01-03T00:00:00Z', ['b1', 'b2'], '@retouch/cli'),
      entry('old-cli-v1:x', '2025-01-01T00:00:00Z', ['a1']),
    ];
    expect(mergeHistory(own, found, 10).map((e) => e.id)).toEqual(['cli', 'mine']);
    expect(mergeHistory(own, found, 1).map((e) => e.id)).toEqual(['cli']);
  });
});
