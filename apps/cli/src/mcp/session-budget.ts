import type { CostEstimate, EditCost } from '@retouch/core';
import { RetouchError } from '@retouch/core';
import { formatCost } from '@retouch/session';

/**
 * What this server may spend while it runs (`--max-cost`, else the config file's `maxCost`):
 * every edit's actual cost is counted, and an edit whose estimate could take the total over the
 * budget is refused before anything is sent.
 */
export class SessionBudget {
  private spentAmount = 0;

  constructor(readonly maxCost: number | undefined) {}

  get spent(): number {
    return this.spentAmount;
  }

  /** What is left, for the session's own `maxCost` check; undefined without a budget. */
  remaining(): number | undefined {
    return this.maxCost === undefined ? undefined : Math.max(0, this.maxCost - this.spentAmount);
  }

  /** Refuses an estimate that could go over what is left (or cannot be estimated at all). */
  check(estimate: CostEstimate): void {
    const left = this.remaining();
    if (left === undefined) return;
    if (estimate.kind === 'estimate' && estimate.amount <= left + 1e-9) return;
    const why =
      estimate.kind === 'unknown'
        ? `its cost cannot be estimated (${estimate.reason})`
        : `it could cost ${formatCost(estimate)}`;
    throw new RetouchError({
      code: 'invalid_request',
      message: `Not sent: ${why}, and this session's budget has ${left.toFixed(2)} left of ${this.maxCost!.toFixed(2)} (retouch mcp --max-cost).`,
      issues: [{ field: 'max-cost', message: 'the edit could exceed the session budget' }],
    });
  }

  spend(cost: EditCost | undefined): void {
    if (cost?.kind === 'actual') this.spentAmount += cost.amount;
  }
}
