import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { EachPlanStore } from '../host/state/each-plan-store.js';

// Part of the activation file: it reads workspace state only, and runs the command (which loads
// the edit runtime) only when the user asks to resume.

/** After a reload: says that a batch was left unfinished and offers to resume it. Never throws. */
export function offerToResumeEditEach(services: RetouchServices): void {
  const plans = new EachPlanStore(services.context.workspaceState).list();
  if (plans.length === 0) return;
  const message =
    plans.length === 1
      ? `Retouch: the Edit Each batch "${plans[0]!.prompt}" did not finish.`
      : `Retouch: ${plans.length} Edit Each batches did not finish.`;
  void vscode.window.showInformationMessage(message, 'Resume', 'Forget').then(async (action) => {
    if (action === 'Resume') await vscode.commands.executeCommand('retouch.resumeEditEach');
    if (action === 'Forget') {
      const store = new EachPlanStore(services.context.workspaceState);
      for (const plan of plans) await store.remove(plan.id);
    }
  });
}
