import {
  type CostEstimate,
  formatCost,
  formatMoney,
  type ModelInfo,
  type ModelPricing,
  type PricingOverrides,
  parsePricingOverrides,
  pricingFor,
} from '@retouch/core';
import * as vscode from 'vscode';
import { quickPickOnce } from '../edit/quick-pick-once.js';
import type { RetouchLog } from '../log.js';
import { userLevelValue } from '../setting-trust.js';

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('retouch');
}

/**
 * `retouch.pricing`, from user settings only: a workspace must not be able to make edits look
 * cheaper than they are (and so slip past the budget or the confirmation).
 */
export function pricingOverrides(log: RetouchLog): PricingOverrides {
  try {
    return parsePricingOverrides(
      userLevelValue(settings().inspect<unknown>('pricing')),
      'retouch.pricing',
    );
  } catch (error) {
    log.warn(
      `${error instanceof Error ? error.message : String(error)} The built-in prices are used.`,
    );
    return {};
  }
}

export function modelPricing(model: ModelInfo, log: RetouchLog): ModelPricing | undefined {
  return pricingFor(model, pricingOverrides(log));
}

/** Estimated costs above this are shown for confirmation before anything is sent. */
export function confirmCostAbove(): number {
  return userLevelValue(settings().inspect<number>('confirmCostAbove')) ?? 0.25;
}

/** `retouch.maxCost`: no edit starts that could take a run above it; undefined for no limit. */
export function maxCostSetting(): number | undefined {
  const value = userLevelValue(settings().inspect<number | null>('maxCost'));
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/**
 * The confirmation step: when the estimate is above `retouch.confirmCostAbove`, says what the
 * run is estimated to cost (as an estimate, with its basis) and asks before sending. Resolves
 * true to go ahead.
 */
export async function confirmEstimatedCost(
  estimate: CostEstimate,
  action: string,
): Promise<boolean> {
  if (estimate.kind !== 'estimate' || estimate.amount <= confirmCostAbove()) return true;
  const go = {
    label: `$(check) ${action}`,
    description: formatCost(estimate),
    detail: estimate.basis,
  };
  const stop = { label: '$(close) Cancel', description: 'send nothing' };
  const picked = await quickPickOnce({
    title: `Retouch: Estimated Cost ${formatCost(estimate)}`,
    placeholder: `More than ${formatMoney(confirmCostAbove(), estimate.currency)}, the amount above which you asked to confirm. Enter goes ahead.`,
    items: [go, stop],
    active: go,
  });
  return picked === go;
}
