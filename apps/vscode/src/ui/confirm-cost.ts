import type { CostEstimate } from '@retouch/core/cost';
import { formatCost } from '@retouch/session';
import { confirmCostAbove } from '../host/settings.js';
import { quickPickOnce } from './quick-pick-once.js';

/**
 * The confirmation step: when the estimate is above `retouch.confirmCostAbove`, says what the
 * run is estimated to cost (as an estimate, with its basis) and asks before sending. Resolves
 * true to go ahead.
 */
export async function confirmEstimatedCost(
  estimate: CostEstimate,
  action: string,
): Promise<boolean> {
  const threshold = confirmCostAbove();
  if (estimate.kind !== 'estimate' || estimate.amount <= threshold) return true;
  const go = {
    label: `$(check) ${action}`,
    description: formatCost(estimate),
    detail: estimate.basis,
  };
  const stop = { label: '$(close) Cancel', description: 'send nothing' };
  const picked = await quickPickOnce({
    title: `Retouch: Estimated Cost ${formatCost(estimate)}`,
    placeholder: `Above retouch.confirmCostAbove (${threshold}); Enter goes ahead`,
    items: [go, stop],
    active: go,
  });
  return picked === go;
}
