import type { CostEstimate, EditCost } from '../cost/edit-cost.js';
import { formatMoney } from '../cost/format-money.js';

export type Admission = { admitted: true; reserved: number } | { admitted: false; reason: string };

/**
 * What a run may still spend. Each edit reserves its estimate before it starts and settles to
 * what it cost when it ends; an edit is started only while everything spent and reserved plus
 * its estimate stays within the budget. An edit that does not fit waits while others are still
 * running (they may cost less than estimated), and is refused once none are.
 */
export class BatchBudget {
  private spent = 0;
  private reserved = 0;
  private settled: Array<() => void> = [];

  constructor(
    readonly max: number,
    private readonly currency: string | undefined,
  ) {}

  async admit(estimate: CostEstimate, signal?: AbortSignal): Promise<Admission> {
    if (estimate.kind === 'unknown') {
      return { admitted: false, reason: `its cost cannot be estimated (${estimate.reason})` };
    }
    for (;;) {
      if (this.spent + this.reserved + estimate.amount <= this.max + 1e-9) {
        this.reserved += estimate.amount;
        return { admitted: true, reserved: estimate.amount };
      }
      if (this.reserved === 0 || signal?.aborted) break;
      await new Promise<void>((resolve) => this.settled.push(resolve));
    }
    const money = (amount: number) => formatMoney(amount, this.currency);
    return {
      admitted: false,
      reason: `starting it could cost up to ${money(estimate.amount)} (${estimate.basis}), and ${money(this.spent)} is spent already: that would go over the budget of ${money(this.max)}`,
    };
  }

  /** An admitted edit ended: `cost` when it got a result, `billedAnyway` when it may be billed without one. */
  settle(reserved: number, cost: EditCost | undefined, billedAnyway: boolean): void {
    this.reserved = Math.max(0, this.reserved - reserved);
    if (cost?.kind === 'actual') this.spent += cost.amount;
    else if (cost) this.spent += cost.estimate?.amount ?? reserved;
    else if (billedAnyway) this.spent += reserved;
    const waiting = this.settled;
    this.settled = [];
    for (const wake of waiting) wake();
  }
}
