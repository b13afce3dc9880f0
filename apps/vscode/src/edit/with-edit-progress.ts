import type { EditProgressEvent } from '@retouch/core';
import * as vscode from 'vscode';
import type { RetouchServices } from '../services.js';
import { describeProgress } from './describe-progress.js';

export interface EditProgressHooks {
  signal: AbortSignal;
  onProgress: (event: EditProgressEvent) => void;
  /** Warnings the engine reported, for the record. */
  warnings: string[];
}

/**
 * Runs `work` under a cancellable progress notification and the status bar item. Cancel (in the
 * notification, or "Retouch: Cancel Running Edits") aborts the signal; the engine then aborts the
 * request or cancels the queue job.
 */
export function withEditProgress<T>(
  services: RetouchServices,
  title: string,
  onEvent: (event: EditProgressEvent) => void,
  work: (hooks: EditProgressHooks) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => {
        services.log.info(`Cancel requested: ${title}`);
        controller.abort();
      });
      const tracked = services.running.add(title, controller);
      let calls = 1;
      const warnings: string[] = [];
      try {
        progress.report({ message: 'Starting…' });
        return await work({
          signal: controller.signal,
          warnings,
          onProgress: (event) => {
            if (event.type === 'validated') calls = event.calls;
            if (event.type === 'warning') {
              warnings.push(event.warning.message);
              services.log.warn(`Warning: ${event.warning.message}`);
              // Said before anything is sent: the user may still cancel and pick another model.
              if (event.warning.type === 'model-lifecycle') {
                void vscode.window.showWarningMessage(`Retouch: ${event.warning.message}`);
              }
            }
            const message = describeProgress(event, calls);
            if (message) {
              progress.report({ message });
              if (event.type !== 'partial-image') services.log.info(`${title}: ${message}`);
            }
            onEvent(event);
          },
        });
      } finally {
        tracked.dispose();
        cancelled.dispose();
      }
    },
  );
}
