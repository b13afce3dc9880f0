// dist/edit-runtime.js: what an edit needs (the engine, the providers, undici, zod). The
// activation file requires it on the first command that needs it; see load-edit-runtime.ts.
import type * as vscode from 'vscode';
import { builtInProviders } from './built-in-providers.js';
import { clearApiKeyCommand } from './commands/clear-api-key.js';
import { editImageCommand } from './commands/edit-image.js';
import { editWithMarkupCommand } from './commands/edit-with-markup.js';
import { editWithMaskCommand } from './commands/edit-with-mask.js';
import { resumePendingJobsCommand } from './commands/resume-pending-jobs.js';
import { selectProviderAndModelCommand } from './commands/select-provider-and-model.js';
import { setApiKeyCommand } from './commands/set-api-key.js';
import { showHistoryCommand } from './commands/show-history.js';
import { editEachCommand } from './each/edit-each-command.js';
import { resumeEditEachCommand } from './each/resume-edit-each.js';
import { removeLeftoverPartialImages } from './edit/partial-preview.js';
import { type ResumeTrigger, resumePendingJobs } from './jobs/resume-pending-jobs.js';
import type { ProviderEntry } from './providers.js';
import type { RetouchServices } from './services.js';
import { undoReplaceCommand } from './studio/studio-actions.js';
import { openInStudioCommand, resolveStudioEditor } from './studio/studio-editor.js';

function editCommands(services: RetouchServices) {
  return {
    'retouch.editImage': editImageCommand(services),
    'retouch.editWithMask': editWithMaskCommand(services),
    'retouch.editWithMarkup': editWithMarkupCommand(services),
    'retouch.editEach': editEachCommand(services),
    'retouch.resumeEditEach': resumeEditEachCommand(services),
    'retouch.selectProviderAndModel': selectProviderAndModelCommand(services),
    'retouch.setApiKey': setApiKeyCommand(services),
    'retouch.clearApiKey': clearApiKeyCommand(services),
    'retouch.showHistory': showHistoryCommand(services),
    'retouch.resumePendingJobs': resumePendingJobsCommand(services),
    'retouch.openInStudio': openInStudioCommand(),
    'retouch.undoReplace': undoReplaceCommand(services),
  };
}

export type EditCommandId = keyof ReturnType<typeof editCommands>;

export interface EditRuntime {
  builtInProviders: readonly ProviderEntry[];
  commands: Record<EditCommandId, (...args: never[]) => unknown>;
  resumePendingJobs(trigger: ResumeTrigger): Promise<void>;
  resolveStudio(uri: vscode.Uri, panel: vscode.WebviewPanel): Promise<void>;
}

export function createEditRuntime(services: RetouchServices): EditRuntime {
  void removeLeftoverPartialImages(services);
  return {
    builtInProviders: builtInProviders(),
    commands: editCommands(services),
    resumePendingJobs: (trigger) => resumePendingJobs(services, trigger),
    resolveStudio: (uri, panel) => resolveStudioEditor(services, uri, panel),
  };
}
