import type { RetouchApiV1 } from '@retouch/vscode-api';
import * as vscode from 'vscode';
import { createRetouchApi } from './api.js';
import { cancelRunningEditsCommand } from './commands/cancel-running-edits.js';
import { clearApiKeyCommand } from './commands/clear-api-key.js';
import { editImageCommand } from './commands/edit-image.js';
import { editWithMarkupCommand } from './commands/edit-with-markup.js';
import { editWithMaskCommand } from './commands/edit-with-mask.js';
import { resumePendingJobsCommand } from './commands/resume-pending-jobs.js';
import { selectProviderAndModelCommand } from './commands/select-provider-and-model.js';
import { setApiKeyCommand } from './commands/set-api-key.js';
import { showHistoryCommand } from './commands/show-history.js';
import { registerEditEach } from './each/register-edit-each.js';
import { clearPartialImages } from './edit/partial-preview.js';
import { RunningEdits } from './edit/running-edits.js';
import { HistoryStore } from './history/history-store.js';
import { PendingJobStore } from './jobs/pending-job-store.js';
import { resumePendingJobs } from './jobs/resume-pending-jobs.js';
import { offerToMoveLegacyKeys } from './legacy-keys.js';
import { RetouchLog } from './log.js';
import { ProviderCatalog } from './providers.js';
import { ProviderSecrets } from './secrets.js';
import type { RetouchServices } from './services.js';
import { historyMaxEntries } from './settings.js';

export function activate(context: vscode.ExtensionContext): RetouchApiV1 {
  const started = performance.now();
  const log = new RetouchLog();
  const secrets = new ProviderSecrets(context.secrets);
  const providers = new ProviderCatalog(secrets);
  const services: RetouchServices = {
    context,
    log,
    secrets,
    providers,
    history: new HistoryStore(context.workspaceState, historyMaxEntries),
    pendingJobs: new PendingJobStore(context.workspaceState),
    running: new RunningEdits(),
  };
  context.subscriptions.push(log, providers, services.running);

  const commands: Record<string, (...args: never[]) => unknown> = {
    'retouch.editImage': editImageCommand(services),
    'retouch.editWithMask': editWithMaskCommand(services),
    'retouch.editWithMarkup': editWithMarkupCommand(services),
    'retouch.selectProviderAndModel': selectProviderAndModelCommand(services),
    'retouch.setApiKey': setApiKeyCommand(services),
    'retouch.clearApiKey': clearApiKeyCommand(services),
    'retouch.showHistory': showHistoryCommand(services),
    'retouch.cancelRunningEdits': cancelRunningEditsCommand(services),
    'retouch.resumePendingJobs': resumePendingJobsCommand(services),
    'retouch.showLog': () => log.channel.show(),
  };
  for (const [id, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }

  context.subscriptions.push(...registerEditEach(services));

  // Background chores; none of them may delay or fail activation.
  void clearPartialImages(services);
  void offerToMoveLegacyKeys(secrets, log);
  void resumePendingJobs(services, 'activation');
  context.subscriptions.push(
    providers.onDidChange(() => void resumePendingJobs(services, 'activation')),
  );

  const version = (context.extension.packageJSON as { version?: string }).version;
  log.info(`Retouch ${version} activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return createRetouchApi(providers);
}

export function deactivate(): void {
  // Running edits are left alone on purpose: queue jobs resume in the next window.
}
