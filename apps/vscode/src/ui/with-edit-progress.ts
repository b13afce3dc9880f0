import {
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { progressMessage } from './progress-message.js';

export interface EditProgressHooks {
  signal: AbortSignal;
  onProgress: (event: SessionProgressEvent) => void;
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
 * Runs `work` under a progress notification and the status bar item, drawing the session's
 * progress state. Cancel (in the notification, or "Retouch: Cancel Running Edits") aborts the
 * signal; the engine then aborts the request or cancels the queue job.
 */
export function withEditProgress<T>(
  services: RetouchServices,
  title: string,
  onEvent: (event: SessionProgressEvent) => void,
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
      if (options.alreadySent) tracked.markSent();
      let state = initialEditProgress;
      // A job already on the server is looked up first; a new edit starts with the session's words.
      let shown = options.alreadySent ? 'Checking the job…' : progressMessage(state);
      try {
        progress.report({ message: shown });
        return await work({
          signal: controller.signal,
          onProgress: (event) => {
            if (event.type === 'validated') tracked.markSent();
            if (event.type === 'warning') {
              services.log.warn(`Warning: ${event.warning.message}`);
              // Said before anything is sent: the user may still cancel and pick another model.
              if (event.warning.type === 'model-lifecycle') {
                void vscode.window.showWarningMessage(`Retouch: ${event.warning.message}`);
              }
            }
            if (event.type === 'running' && event.logs?.length) {
              services.log.info(`${title}: server log: ${event.logs.at(-1)}`);
            }
            state = reduceEditProgress(state, event);
            const message = progressMessage(state);
            if (message !== shown && !controller.signal.aborted) {
              shown = message;
              progress.report({ message });
              services.log.info(`${title}: ${message}`);
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
