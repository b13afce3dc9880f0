import type { CostEstimate } from '@retouch/core/cost';
import { batchTotal, formatCost } from '@retouch/session';
import { confirmCostAbove } from '../host/settings.js';
import { confirmEstimatedCost } from './confirm-cost.js';
import { quickPickOnce } from './quick-pick-once.js';

/** How an Edit Each runs: now at the live price, or on the Batch API at the batch price. */
export type EachMode = 'live' | 'batch';

/**
 * The last step of Edit Each. Where the model has a batch API, it always asks (it is a choice,
 * not only a confirmation): now at the live price (Enter, as before), or "Half price, within
 * 24 h" on the Batch API, each with its estimate. Elsewhere it is the usual cost confirmation.
 */
export async function confirmEachRun(
  live: CostEstimate,
  action: string,
  batch: { factor: number } | undefined,
  scripted?: EachMode,
): Promise<EachMode | undefined> {
  if (!batch) return (await confirmEstimatedCost(live, action)) ? 'live' : undefined;
  if (scripted) return scripted;
  const batchEstimate = batchTotal({ total: live }, batch.factor);
  const now = {
    label: `$(check) ${action}`,
    description: live.kind === 'estimate' ? formatCost(live) : 'cost unknown',
    detail: 'Now, at the live price',
  };
  const later = {
    label: '$(clock) Half price, within 24 h',
    description: batchEstimate.kind === 'estimate' ? formatCost(batchEstimate) : 'cost unknown',
    detail: "On OpenAI's Batch API: the results are written when it finishes, also after a reload",
  };
  const stop = { label: '$(close) Cancel', description: 'send nothing' };
  const above = live.kind === 'estimate' && live.amount > confirmCostAbove();
  const picked = await quickPickOnce({
    title:
      live.kind === 'estimate'
        ? `Retouch: Estimated Cost ${formatCost(live)}`
        : 'Retouch: Edit Each',
    placeholder: above
      ? `Above retouch.confirmCostAbove (${confirmCostAbove()}); Enter goes ahead now`
      : 'Enter goes ahead now',
    items: [now, later, stop],
    active: now,
  });
  return picked === now ? 'live' : picked === later ? 'batch' : undefined;
}
