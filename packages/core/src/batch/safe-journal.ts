import type { BatchJournalPort, EachItem, JournalEntry } from './batch-types.js';

/**
 * The batch's view of its journal: entries for changed inputs do not count, and a journal that
 * cannot be written is reported once and then left alone, because the edits (and their paid
 * results) matter more than the bookkeeping.
 */
export class SafeJournal {
  private broken = false;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly port: BatchJournalPort | undefined,
    private readonly fresh: boolean,
    private readonly onFailure: (message: string) => void,
  ) {}

  previous(item: EachItem): JournalEntry | undefined {
    if (this.fresh || !this.port) return undefined;
    const entry = this.port.previous(item.key);
    if (entry?.contentHash && item.contentHash && entry.contentHash !== item.contentHash) {
      return undefined;
    }
    return entry;
  }

  /** Records without waiting (from a progress callback); `flush` waits for it. */
  track(item: EachItem, entry: JournalEntry): void {
    void this.record(item, entry);
  }

  /** Resolves once the entry is durable (or the journal has been given up on). */
  record(item: EachItem, entry: JournalEntry): Promise<void> {
    const write = this.write(item, entry);
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
    return write;
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async write(item: EachItem, entry: JournalEntry): Promise<void> {
    if (!this.port || this.broken) return;
    try {
      await this.port.record(
        item.key,
        item.contentHash ? { ...entry, contentHash: item.contentHash } : entry,
      );
    } catch (error) {
      if (this.broken) return;
      this.broken = true;
      this.onFailure(
        `The batch journal could not be written (${error instanceof Error ? error.message : String(error)}); this run goes on, but a later run cannot tell what it finished.`,
      );
    }
  }
}
