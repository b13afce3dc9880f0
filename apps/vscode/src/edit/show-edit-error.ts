import { isRetouchError, sanitizeServerText } from '@retouch/core';
import { redactSecrets } from '@retouch/core/http';
import * as vscode from 'vscode';
import type { RetouchLog } from '../log.js';

/**
 * Reports a failed edit as a notification with the next step as a button, and logs it. Not
 * awaited by callers: a notification must never hold up the flow.
 */
export function showEditError(
  log: RetouchLog,
  error: unknown,
  secrets: readonly string[],
  providerId?: string,
): void {
  // Messages quote servers: a notification must show what they said, not what they smuggled in
  // (bidi overrides that reorder the text, control characters).
  const message = sanitizeServerText(
    redactSecrets(error instanceof Error ? error.message : String(error), secrets),
    { singleLine: true },
  );
  if (isRetouchError(error) && error.code === 'cancelled') {
    log.info('Edit cancelled.');
    void vscode.window.showInformationMessage('Retouch: edit cancelled.');
    return;
  }
  const code = isRetouchError(error) ? error.code : 'unexpected';
  log.error(`Edit failed (${code}): ${message}`, secrets);
  const actions: string[] = [];
  if (isRetouchError(error) && (error.code === 'authentication' || error.code === 'permission')) {
    actions.push('Set API Key…');
  }
  if (
    isRetouchError(error) &&
    error.issues.some((issue) => ['provider', 'model'].includes(issue.field))
  ) {
    actions.push('Select Provider and Model');
  }
  actions.push('Show Log');
  void vscode.window.showErrorMessage(`Retouch: ${message}`, ...actions).then((action) => {
    if (action === 'Set API Key…')
      void vscode.commands.executeCommand('retouch.setApiKey', providerId);
    if (action === 'Select Provider and Model')
      void vscode.commands.executeCommand('retouch.selectProviderAndModel');
    if (action === 'Show Log') log.channel.show(true);
  });
}
