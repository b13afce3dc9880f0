import { isRetouchError } from '@retouch/core';
import { type AdviceAction, adviseError, type ErrorAdvice } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchLog } from '../host/log.js';

/** What a notification shows of an advice: the session's words, and its actions as buttons. */
export type ShownAdvice = Pick<ErrorAdvice, 'title' | 'problems' | 'actions' | 'settings'>;

export interface ShowEditErrorOptions {
  /** The provider's display name; its id when not given. */
  providerName?: string;
  /** Sends the same edit again: offered as Retry where that can help, and run after Set API Key…. */
  retry?: () => unknown;
}

const actionLabels: Record<AdviceAction, string> = {
  retry: 'Retry',
  'set-key': 'Set API Key…',
  'select-model': 'Select Provider and Model',
  'open-settings': 'Open Settings',
  'show-log': 'Show Log',
};

/**
 * Reports a failed edit with the session's advice: its title in the notification (never a raw
 * server body), a refused request's problems as a list, one per line, in a dialog, and the
 * actions that help as buttons; the whole message goes to the log. Not awaited by callers: a
 * notification must never hold up the flow.
 */
export function showEditError(
  log: RetouchLog,
  error: unknown,
  secrets: readonly string[],
  providerId?: string,
  options: ShowEditErrorOptions = {},
): void {
  if (isRetouchError(error) && error.code === 'cancelled') {
    log.info('Edit cancelled.');
    void vscode.window.showInformationMessage('Retouch: edit cancelled.');
    return;
  }
  const code = isRetouchError(error) ? error.code : 'unexpected';
  log.error(`Edit failed (${code}): ${error instanceof Error ? error.message : String(error)}`, [
    ...secrets,
  ]);
  const advice = adviseError(error, {
    provider: options.providerName ?? providerId ?? 'The provider',
    secrets,
    canRetry: options.retry !== undefined,
  });
  void showAdvice(log, advice, { providerId, retry: options.retry });
}

/** Shows an advice: a notification, or a dialog when it lists problems. Resolves when answered. */
export async function showAdvice(
  log: RetouchLog,
  advice: ShownAdvice,
  context: { providerId?: string; retry?: () => unknown },
): Promise<void> {
  const actions = advice.actions.filter((action) => action !== 'retry' || context.retry);
  const labels = actions.map((action) => actionLabels[action]);
  const message = `Retouch: ${advice.title}`;
  const picked =
    advice.problems.length > 0
      ? await vscode.window.showErrorMessage(
          message,
          { modal: true, detail: advice.problems.map((problem) => `• ${problem}`).join('\n') },
          ...labels,
        )
      : await vscode.window.showErrorMessage(message, ...labels);
  const action = actions[labels.indexOf(picked ?? '')];
  switch (action) {
    case 'retry':
      void context.retry?.();
      return;
    case 'set-key': {
      // With the key saved, the edit that failed for want of it is sent again.
      const saved = await vscode.commands.executeCommand<boolean>(
        'retouch.setApiKey',
        context.providerId,
      );
      if (saved) void context.retry?.();
      return;
    }
    case 'select-model':
      void vscode.commands.executeCommand('retouch.selectProviderAndModel');
      return;
    case 'open-settings':
      void vscode.commands.executeCommand(
        'workbench.action.openSettings',
        advice.settings ?? settingsQueryFor(context.providerId),
      );
      return;
    case 'show-log':
      log.channel.show(true);
      return;
  }
}

/** The settings that say where a provider's requests go (base URL, headers, proxy). */
function settingsQueryFor(providerId: string | undefined): string {
  if (providerId === 'openai-compatible') return 'retouch.openAICompatible';
  if (providerId === 'queue') return 'retouch.queue';
  return 'retouch';
}
