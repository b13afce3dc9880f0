import type { ModelPricing } from '../../cost/model-pricing.js';
import { createEmulatorProvider } from '../../engine/__fixtures__/emulator-provider.js';
import type { BatchJournalPort, JournalEntry } from '../batch-types.js';

export const perImagePricing: ModelPricing = {
  currency: 'USD',
  billing: 'image',
  perImage: [{ price: 0.04 }],
};

/** The emulator provider of the engine's tests: it keeps the usage the emulator reports. */
export const createUsageProvider = createEmulatorProvider;

/** A journal held in memory, as a port implementation would hold it between writes. */
export function memoryJournal(initial: Record<string, JournalEntry> = {}) {
  const entries = new Map(Object.entries(initial));
  const port: BatchJournalPort & { entries: Map<string, JournalEntry> } = {
    entries,
    previous: (key) => entries.get(key),
    async record(key, entry) {
      entries.set(key, entry);
    },
  };
  return port;
}
