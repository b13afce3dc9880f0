import * as vscode from 'vscode';
import { prepareSelectedModel } from '../edit/prepare-model.js';
import type { RetouchServices } from '../host/services.js';
import { EachPlanStore, type StoredEachPlan } from '../host/state/each-plan-store.js';
import { runEachEdit } from './run-each-edit.js';

/**
 * Retouch: Resume Edit Each — runs an unfinished batch again (one interrupted by a cancel, a
 * failure or a window reload). Its journal skips what is done, follows queue jobs still running
 * from their handles, and retries what failed.
 */
export function resumeEditEachCommand(services: RetouchServices) {
  return async (): Promise<void> => {
    const plans = new EachPlanStore(services.context.workspaceState).list();
    if (plans.length === 0) {
      void vscode.window.showInformationMessage(
        'Retouch: no unfinished Edit Each batch to resume.',
      );
      return;
    }
    const plan = plans.length === 1 ? plans[0] : await pickPlan(plans);
    if (plan) await resumePlan(services, plan);
  };
}

async function pickPlan(plans: StoredEachPlan[]): Promise<StoredEachPlan | undefined> {
  const picked = await vscode.window.showQuickPick(
    plans.map((plan) => ({
      plan,
      label: plan.prompt,
      description: `${plan.sources.length} images · ${plan.model}`,
    })),
    { title: 'Retouch: Resume Edit Each' },
  );
  return picked?.plan;
}

async function resumePlan(services: RetouchServices, plan: StoredEachPlan): Promise<void> {
  const sources = plan.sources.map((uri) => vscode.Uri.parse(uri));
  const target = await prepareSelectedModel(services, sources[0], {
    provider: plan.provider,
    model: plan.model,
  });
  if (!target) return;
  await runEachEdit(services, {
    id: plan.id,
    target,
    sources,
    ...(plan.mask ? { mask: vscode.Uri.parse(plan.mask) } : {}),
    prompt: plan.prompt,
    options: plan.options,
    ...(plan.batch ? { batch: true } : {}),
  });
}
