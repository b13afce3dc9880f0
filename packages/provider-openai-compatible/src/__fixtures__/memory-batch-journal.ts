import type { JournalEntry } from '@retouch/core';
import type { BatchApiJournalPort, BatchApiPart } from '@retouch/core/batch-api';

/**
 * A batch journal kept in memory, as JSON, so a second run "after a crash" reads exactly what
 * the first one recorded. `failOnSave` makes the n-th `savePart` fail (the crash itself).
 */
export function memoryBatchJournal(options: { failOnSave?: number } = {}) {
  const parts = new Map<number, string>();
  const items = new Map<string, JournalEntry>();
  let saves = 0;
  const port: BatchApiJournalPort = {
    parts: () => [...parts.values()].map((text) => JSON.parse(text) as BatchApiPart),
    async savePart(part) {
      saves += 1;
      if (saves === options.failOnSave) throw new Error('the disk went away');
      parts.set(part.index, JSON.stringify(part));
    },
    item: (key) => items.get(key),
    async recordItem(key, entry) {
      items.set(key, structuredClone(entry));
    },
  };
  return { port, items, parts: () => port.parts() };
}
