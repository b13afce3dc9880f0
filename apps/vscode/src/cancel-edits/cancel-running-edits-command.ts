import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';

export interface CancelRunningEditsOptions {
  /** Ask first when an edit has already reached its provider (the status bar item does). */
  confirm?: boolean;
}

/**
 * Retouch: Cancel Running Edits — aborts requests and cancels queue jobs in this window. Each
 * edit then says what came of it (cancelled, too late, or unknown).
 */
export function cancelRunningEditsCommand(services: RetouchServices) {
  return async (options?: CancelRunningEditsOptions): Promise<number> => {
    const count = services.running.cancellableCount;
    if (count === 0) {
      void vscode.window.showInformationMessage(
        services.running.count === 0
          ? 'Retouch: no edits are running.'
          : 'Retouch: the running edits can no longer be cancelled; their results are saved when they finish.',
      );
      return 0;
    }
    if (options?.confirm === true && services.running.sentCount > 0) {
      const edits = count === 1 ? 'the running edit' : `${count} running edits`;
      const cancel: vscode.MessageItem = { title: count === 1 ? 'Cancel Edit' : 'Cancel Edits' };
      const keep: vscode.MessageItem = { title: 'Keep Running', isCloseAffordance: true };
      const answer = await vscode.window.showWarningMessage(
        `Cancel ${edits}?`,
        {
          modal: true,
          detail:
            'The request has already gone to the provider. If it has started, it may still finish and be billed; Retouch then saves the result anyway.',
        },
        cancel,
        keep,
      );
      if (answer !== cancel) return 0;
    }
    const cancelled = services.running.cancelAll();
    services.log.info(`Cancel requested for ${cancelled} running edit(s).`);
    return cancelled;
  };
}
