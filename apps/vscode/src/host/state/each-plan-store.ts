import type { EditImageOptions } from '@retouch/core';
import type { MementoLike } from './memento-like.js';

/**
 * An Edit Each batch as workspace state keeps it while it is unfinished, so that after a window
 * reload it can be run again: the batch's journal (beside its outputs) then skips what is done
 * and follows the queue jobs still running. URIs as strings; nothing secret.
 */
export interface StoredEachPlan {
  id: string;
  provider: string;
  model: string;
  prompt: string;
  options: EditImageOptions;
  sources: string[];
  mask?: string;
  /** Run on the provider's Batch API (half price, within 24 h): Resume follows the same batch. */
  batch?: boolean;
  createdAt: string;
}

const key = 'retouch.unfinishedEditEach';

export class EachPlanStore {
  constructor(private readonly memento: MementoLike) {}

  list(): StoredEachPlan[] {
    return this.memento.get<StoredEachPlan[]>(key) ?? [];
  }

  async save(plan: StoredEachPlan): Promise<void> {
    await this.memento.update(key, [...this.list().filter((old) => old.id !== plan.id), plan]);
  }

  async remove(id: string): Promise<void> {
    await this.memento.update(
      key,
      this.list().filter((plan) => plan.id !== id),
    );
  }
}
