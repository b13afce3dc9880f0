import * as vscode from 'vscode';
import type { RetouchServices } from '../services.js';

/** Retouch: Cancel Running Edits — aborts requests and cancels queue jobs in this window. */
export function cancelRunningEditsCommand(services: RetouchServices) {
  return (): number => {
    const count = services.running.cancelAll();
    services.log.info(`Cancel requested for ${count} running edit(s).`);
    void vscode.window.showInformationMessage(
      count === 0
        ? 'Retouch: no edits are running.'
        : `Retouch: cancelling ${count} running ${count === 1 ? 'edit' : 'edits'}.`,
    );
    return count;
  };
}
