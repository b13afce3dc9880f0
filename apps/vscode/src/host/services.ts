import type * as vscode from 'vscode';
import type { RetouchLog } from './log.js';
import type { ProviderCatalog } from './provider-catalog.js';
import type { RunningEdits } from './running-edits.js';
import type { ProviderSecrets } from './secrets.js';
import type { HistoryStore } from './state/history-store.js';
import type { PendingJobStore } from './state/pending-job-store.js';

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
