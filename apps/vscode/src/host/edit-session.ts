import type { CostEstimate, ImageInput } from '@retouch/core';
import { type RecordedInput, sha256Hex } from '@retouch/output';
import { createSession, type DeliveredEdit, type Session } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from './services.js';
import { outputSidecarWanted } from './settings.js';
import {
  type HistoryFile,
  type HistoryMarkupFile,
  historyEntryFromDelivery,
  recordToolName,
} from './state/history-entry.js';
import { vscodeOutputFileSystem as fs } from './workspace-fs/vscode-output-file-system.js';
import { workspaceStoreFor } from './workspace-fs/workspace-store.js';

export interface EditSessionOptions {
  /** The keys in use, scrubbed from records and the log. */
  secrets?: readonly string[];
  /** Asked before a run whose estimate is over the threshold (Edit Each). */
  confirmCost?: (estimate: CostEstimate, edits: number) => boolean | Promise<boolean>;
  /** Sources already read and hashed (a re-run checks them first), so they are not read twice. */
  hashes?: ReadonlyMap<string, string>;
}

/**
 * `@retouch/session` over this window: the workspace file system, the "Retouch" log, the
 * history in workspace state, the rescue folder in the extension's global storage, and the
 * `retouch.outputFolder` and `retouch.output.sidecar` settings.
 */
export function editSession(
  services: RetouchServices,
  options: EditSessionOptions = {},
): Session<vscode.Uri> {
  const version =
    (services.context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  return createSession<vscode.Uri>({
    fs,
    tool: { name: recordToolName, version },
    rescueFolder: vscode.Uri.joinPath(services.context.globalStorageUri, 'rescued'),
    log: services.log,
    sidecar: (folder) => outputSidecarWanted(folder),
    // A signed result's record goes to the workspace folder's `.retouch/` store.
    store: workspaceStoreFor,
    history: async (delivered) => {
      const entry = historyEntryFrom(delivered);
      if (entry) await services.history.add(entry);
    },
    ...(options.confirmCost ? { confirmCost: options.confirmCost } : {}),
    secrets: options.secrets ?? [],
    folderAdvice: () => ({
      field: 'retouch.outputFolder',
      advice: 'Make the folder writable, or set retouch.outputFolder to a folder you can write to.',
    }),
    imageInput: imageInputOf,
    ...(options.hashes
      ? {
          sha256: async (uri) =>
            options.hashes?.get(uri.toString()) ?? sha256Hex(await fs.readFile(uri)),
        }
      : {}),
  });
}

/** A local file is streamed from disk by the engine; anything else goes as its bytes. */
async function imageInputOf(uri: vscode.Uri): Promise<ImageInput> {
  if (uri.scheme === 'file') return { path: uri.fsPath };
  return { data: await fs.readFile(uri), filename: fs.baseName(uri) };
}

/** An input as the history keeps it: by URI and name. */
export function historyFileOf(input: RecordedInput<vscode.Uri>): HistoryFile {
  return {
    uri: input.location.toString(),
    name: fs.baseName(input.location),
    sha256: input.sha256,
  };
}

/** The history entry for an edit the session just delivered. */
export function historyEntryFrom(delivered: DeliveredEdit<vscode.Uri>) {
  const markup: HistoryMarkupFile | undefined = delivered.markup
    ? {
        ...historyFileOf(delivered.markup),
        delivery: delivered.markup.delivery,
        sentPrompt: delivered.markup.sentPrompt,
      }
    : undefined;
  return historyEntryFromDelivery(delivered.delivery, {
    sources: delivered.sources.map(historyFileOf),
    ...(delivered.mask ? { mask: historyFileOf(delivered.mask) } : {}),
    ...(markup ? { markup } : {}),
  });
}
