import type { EditProgressEvent } from '@retouch/core';
import * as vscode from 'vscode';
import type { RetouchServices } from '../services.js';
import { describeProgress } from './describe-progress.js';

export interface EditProgressHooks {
  signal: AbortSignal;
  onProgress: (event: EditProgressEvent) => void;
  /** Warnings the engine reported, for the record. */
  warnings: string[];
  /** Whether the request had reached the provider when it ended (for what a cancel means). */
  sent(): boolean;
}

export interface EditProgressOptions {
  /** A job that is already on the server (resumed), so cancelling it may come too late. */
  alreadySent?: boolean;
  /** False for a job that can no longer be cancelled and is only being followed to its end. */
  cancellable?: boolean;
  /** Another Cancel (the Studio's): aborting it stops the edit as the notification's does. */
  signal?: AbortSignal;
}

/**
 * Runs `work` under a progress notification and the status bar item. Cancel (in the
 * notification, or "Retouch: Cancel Running Edits") aborts the signal; the engine then aborts the
 * request or cancels the queue job.
 */
export function withEditProgress<T>(
  services: RetouchServices,
  title: string,
  onEvent: (event: EditProgressEvent) => void,
  work: (hooks: EditProgressHooks) => Promise<T>,
  options: EditProgressOptions = {},
): Thenable<T> {
  const cancellable = options.cancellable ?? true;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable },
    async (progress, token) => {
      const controller = new AbortController();
      const stop = () => {
        if (controller.signal.aborted) return;
        services.log.info(`Cancel requested: ${title}`);
        progress.report({ message: 'Cancelling…' });
        controller.abort();
      };
      const cancelled = token.onCancellationRequested(stop);
      options.signal?.addEventListener('abort', stop, { once: true });
      // A follow-up that cannot be cancelled is not offered to "Cancel Running Edits" either.
      const tracked = services.running.add(title, cancellable ? stop : undefined);
      let sent = options.alreadySent === true;
      if (sent) tracked.markSent();
      let calls = 1;
      const warnings: string[] = [];
      try {
        progress.report({ message: sent ? 'Checking the job…' : 'Starting…' });
        return await work({
          signal: controller.signal,
          warnings,
          sent: () => sent,
          onProgress: (event) => {
            if (event.type === 'validated') {
              calls = event.calls;
              sent = true;
              tracked.markSent();
            }
            if (event.type === 'warning') {
              warnings.push(event.warning.message);
              services.log.warn(`Warning: ${event.warning.message}`);
              // Said before anything is sent: the user may still cancel and pick another model.
              if (event.warning.type === 'model-lifecycle') {
                void vscode.window.showWarningMessage(`Retouch: ${event.warning.message}`);
              }
            }
            if (event.type === 'running' && event.logs?.length) {
              services.log.info(`${title}: server log: ${event.logs.at(-1)}`);
            }
            const message = describeProgress(event, calls);
            if (message && !controller.signal.aborted) {
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
