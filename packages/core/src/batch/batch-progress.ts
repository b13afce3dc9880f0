import type { BatchCounts, BatchEvent, ItemOutcome } from './batch-types.js';

/** Counts items as they move through the batch and reports each move. */
export class BatchProgress {
  private readonly tally: BatchCounts;

  constructor(
    total: number,
    private readonly onEvent: ((event: BatchEvent) => void) | undefined,
  ) {
    this.tally = { total, done: 0, running: 0, failed: 0, skipped: 0, left: total };
  }

  counts(): BatchCounts {
    return { ...this.tally };
  }

  started(key: string, resumed: boolean): void {
    this.tally.left -= 1;
    this.tally.running += 1;
    this.emit({ type: 'item-started', key, resumed, counts: this.counts() });
  }

  finished(outcome: ItemOutcome): void {
    const ran = outcome.status === 'done' || outcome.status === 'failed';
    if (ran) this.tally.running -= 1;
    else this.tally.left -= 1;
    if (outcome.status === 'done' || outcome.status === 'done-before') this.tally.done += 1;
    else if (outcome.status === 'failed') this.tally.failed += 1;
    else this.tally.skipped += 1;
    this.emit({ type: 'item-finished', outcome, counts: this.counts() });
  }

  emit(event: BatchEvent): void {
    try {
      this.onEvent?.(event);
    } catch {
      // A failing listener must not fail the batch or strand a paid result.
    }
  }
}
