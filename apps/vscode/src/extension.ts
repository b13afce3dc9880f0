import type { RetouchApiV1 } from '@retouch/vscode-api';
import * as vscode from 'vscode';
import { registerAgentTools } from './agent-tools/register-agent-tools.js';
import { offerToMoveLegacyKeys } from './api-keys/offer-to-move-legacy-keys.js';
import { cancelRunningEditsCommand } from './cancel-edits/cancel-running-edits-command.js';
import { offerToResumeEditEach } from './edit-each/offer-to-resume-edit-each.js';
import type { EditCommandId } from './edit-runtime.js';
import { loadEditRuntime } from './host/load-edit-runtime.js';
import { RetouchLog } from './host/log.js';
import { ProviderCatalog } from './host/provider-catalog.js';
import { createRetouchApi } from './host/retouch-api.js';
import { RunningEdits } from './host/running-edits.js';
import { ProviderSecrets } from './host/secrets.js';
import type { RetouchServices } from './host/services.js';
import { historyMaxEntries } from './host/settings.js';
import { HistoryStore } from './host/state/history-store.js';
import { PendingJobStore } from './host/state/pending-job-store.js';
import { resumePendingJobsWhenAny } from './jobs/resume-when-any.js';

/** Marks a command implemented in the edit runtime, which loads on its first use. */
const inEditRuntime = Symbol('in the edit runtime');

type CommandHandler = (...args: never[]) => unknown;
type CommandTable = { [Id in EditCommandId]: typeof inEditRuntime } & Record<
  string,
  CommandHandler | typeof inEditRuntime
>;

/**
 * Activation loads this file only (dist/extension.js): command registration, settings, the status
 * bar and the pending-job check. Everything an edit needs is in dist/edit-runtime.js.
 */
export function activate(context: vscode.ExtensionContext): RetouchApiV1 {
  const started = performance.now();
  const log = new RetouchLog();
  const services: RetouchServices = {
    context,
    log,
    secrets: new ProviderSecrets(context.secrets),
    providers: new ProviderCatalog(() => loadEditRuntime(services).builtInProviders),
    history: new HistoryStore(context.workspaceState, historyMaxEntries),
    pendingJobs: new PendingJobStore(context.workspaceState),
    running: new RunningEdits(),
  };
  context.subscriptions.push(log, services.providers, services.running);

  const commands: CommandTable = {
    'retouch.editImage': inEditRuntime,
    'retouch.editWithMask': inEditRuntime,
    'retouch.editWithMarkup': inEditRuntime,
    'retouch.editEach': inEditRuntime,
    'retouch.resumeEditEach': inEditRuntime,
    'retouch.selectProviderAndModel': inEditRuntime,
    'retouch.setApiKey': inEditRuntime,
    'retouch.clearApiKey': inEditRuntime,
    'retouch.showHistory': inEditRuntime,
    'retouch.resumePendingJobs': inEditRuntime,
    'retouch.cancelRunningEdits': cancelRunningEditsCommand(services),
    'retouch.showLog': () => log.channel.show(),
  };
  for (const [id, handler] of Object.entries(commands)) {
    const run: CommandHandler =
      handler === inEditRuntime
        ? // Every id marked so is one of the runtime's commands (EditCommandId).
          (...args) => loadEditRuntime(services).commands[id]!(...args)
        : handler;
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }

  registerAgentTools(services, () => loadEditRuntime(services).agentTools);

  // Background chores; none of them may delay or fail activation.
  void offerToMoveLegacyKeys(services.secrets, log);
  offerToResumeEditEach(services);
  resumePendingJobsWhenAny(services);
  context.subscriptions.push(
    services.providers.onDidChange(() => resumePendingJobsWhenAny(services)),
  );

  const version = (context.extension.packageJSON as { version?: string }).version;
  log.info(`Retouch ${version} activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return createRetouchApi(services.providers);
}

export function deactivate(): void {
  // Running edits are left alone on purpose: queue jobs resume in the next window.
}
