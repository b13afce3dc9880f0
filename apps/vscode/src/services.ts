import type * as vscode from 'vscode';
import type { RunningEdits } from './edit/running-edits.js';
import type { HistoryStore } from './history/history-store.js';
import type { PendingJobStore } from './jobs/pending-job-store.js';
import type { RetouchLog } from './log.js';
import type { ProviderCatalog } from './providers.js';
import type { ProviderSecrets } from './secrets.js';

/** The long-lived pieces `activate()` creates and every command uses. */
export interface RetouchServices {
  context: vscode.ExtensionContext;
  log: RetouchLog;
  secrets: ProviderSecrets;
  providers: ProviderCatalog;
  history: HistoryStore;
  pendingJobs: PendingJobStore;
  running: RunningEdits;
}
