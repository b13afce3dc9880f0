// dist/edit-runtime.js: what an edit needs (the engine, the providers, undici, zod). The
// activation file requires it on the first command that needs it; see host/load-edit-runtime.ts.

import { agentToolRuntime } from './agent-tools/agent-tool-runtime.js';
import { clearApiKeyCommand } from './api-keys/clear-api-key-command.js';
import { setApiKeyCommand } from './api-keys/set-api-key-command.js';
import { editImageCommand } from './edit/edit-image-command.js';
import { removeLeftoverPartialImages } from './edit/partial-preview.js';
import { editEachCommand } from './edit-each/edit-each-command.js';
import { resumeEditEachCommand } from './edit-each/resume-edit-each-command.js';
import { showHistoryCommand } from './history/show-history-command.js';
import { builtInProviders } from './host/built-in-providers.js';
import type { EditRuntime } from './host/load-edit-runtime.js';
import type { RetouchServices } from './host/services.js';
import { resumePendingJobs } from './jobs/resume-pending-jobs.js';
import { resumePendingJobsCommand } from './jobs/resume-pending-jobs-command.js';
import { editWithMarkupCommand } from './mask-painter/edit-with-markup-command.js';
import { editWithMaskCommand } from './mask-painter/edit-with-mask-command.js';
import { selectProviderAndModelCommand } from './provider-selection/select-provider-and-model-command.js';

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
  };
}

export type EditCommandId = keyof ReturnType<typeof editCommands>;

export function createEditRuntime(services: RetouchServices): EditRuntime {
  void removeLeftoverPartialImages(services);
  return {
    builtInProviders: builtInProviders(),
    commands: editCommands(services),
    resumePendingJobs: (trigger) => resumePendingJobs(services, trigger),
    agentTools: agentToolRuntime(services),
  };
}
