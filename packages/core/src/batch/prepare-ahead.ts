import type { EachItem } from './batch-types.js';

export type PreparedItem =
  | { item: EachItem; error?: undefined }
  | { item: EachItem; error: unknown };

/**
 * Runs the batch's `prepare` a few items ahead of the ones being edited, so reading the inputs
 * (hashing them, sniffing their type) overlaps the edits before them instead of delaying the
 * batch's start, while only `ahead` items are ever prepared and waiting.
 */
export class PrepareAhead {
  private readonly started = new Map<number, Promise<PreparedItem>>();
  private next = 0;

  constructor(
    private readonly items: readonly EachItem[],
    private readonly prepare: ((item: EachItem) => Promise<EachItem>) | undefined,
    private readonly ahead: number,
  ) {}

  /** The item at `index`, prepared; never rejects (a failed preparation is in `error`). */
  take(index: number): Promise<PreparedItem> {
    const end = Math.min(this.items.length, index + this.ahead);
    for (this.next = Math.max(this.next, index); this.next < end; this.next++) {
      this.started.set(this.next, this.run(this.items[this.next]!));
    }
    const prepared = this.started.get(index) ?? this.run(this.items[index]!);
    this.started.delete(index);
    return prepared;
  }

  private async run(item: EachItem): Promise<PreparedItem> {
    if (!this.prepare) return { item };
    try {
      return { item: await this.prepare(item) };
    } catch (error) {
      return { item, error };
    }
  }
}
