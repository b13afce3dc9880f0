import type { EditHistoryEntry } from '@retouch/output';
import { describe, expect, it } from 'vitest';
import {
  type HistoryEntry,
  historyEntryFromRecords,
  mergeHistory,
  recordToolName,
} from './history-entry.js';

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

describe('historyEntryFromRecords', () => {
  it('keeps the marked-up copy an edit was explained with, for an exact re-run', () => {
    const found: EditHistoryEntry<string> = {
      editId: 'marked',
      createdAt: '2025-01-04T00:00:00Z',
      tool: { name: recordToolName, version: '1.0.0' },
      prompt: 'remove this',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      options: {},
      sources: [{ path: 'scene.png', sha256: 'ab', location: 'file:///w/scene.png' }],
      markup: {
        path: 'scene.markup-1.png',
        sha256: 'cd',
        location: 'file:///w/scene.markup-1.png',
        delivery: 'flattened',
        sentPrompt: 'Follow them: remove this',
      },
      requestIds: [],
      warnings: [],
      outputs: [],
    };
    const entry = historyEntryFromRecords(found);
    expect(entry.sources).toEqual([
      { uri: 'file:///w/scene.png', name: 'scene.png', sha256: 'ab' },
    ]);
    expect(entry.markup).toEqual({
      uri: 'file:///w/scene.markup-1.png',
      name: 'scene.markup-1.png',
      sha256: 'cd',
      delivery: 'flattened',
      sentPrompt: 'Follow them: remove this',
    });
    expect(entry.madeBy).toBeUndefined();
  });
});
