import type { EditProgressEvent } from '@retouch/core';
import * as vscode from 'vscode';
import type { RetouchServices } from '../services.js';
import { besideColumn } from './beside-column.js';

type PartialImageEvent = Extract<EditProgressEvent, { type: 'partial-image' }>;

function partialsFolder(services: RetouchServices): vscode.Uri {
  return vscode.Uri.joinPath(services.context.globalStorageUri, 'partials');
}

/**
 * Shows a streamed partial image in a preview tab beside the editor, without taking focus. It is
 * written to the extension's own storage, never into the workspace.
 */
export async function showPartialImage(
  services: RetouchServices,
  editId: string,
  event: PartialImageEvent,
): Promise<void> {
  try {
    const extension =
      event.mediaType === 'image/jpeg' ? 'jpg' : event.mediaType === 'image/webp' ? 'webp' : 'png';
    const uri = vscode.Uri.joinPath(
      partialsFolder(services),
      `${editId}-${event.call}-${event.index}.${extension}`,
    );
    await vscode.workspace.fs.writeFile(uri, event.image);
    await vscode.commands.executeCommand('vscode.open', uri, {
      preview: true,
      preserveFocus: true,
      viewColumn: besideColumn(),
    } satisfies vscode.TextDocumentShowOptions);
  } catch (error) {
    services.log.warn(`Could not show a partial image: ${String(error)}`);
  }
}

/** Closes an edit's partial previews once its result is in (or it failed) and deletes them. */
export async function closePartialImages(services: RetouchServices, editId: string): Promise<void> {
  const prefix = vscode.Uri.joinPath(partialsFolder(services), editId).toString();
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => {
      const input = tab.input;
      const uri =
        input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText
          ? input.uri
          : undefined;
      return uri?.toString().startsWith(prefix);
    });
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => false);
  for (const tab of tabs) {
    const input = tab.input as vscode.TabInputCustom | vscode.TabInputText;
    await vscode.workspace.fs.delete(input.uri).then(undefined, () => undefined);
  }
}

/** Partial previews are only useful while an edit runs; clear them when Retouch starts. */
export async function clearPartialImages(services: RetouchServices): Promise<void> {
  await vscode.workspace.fs
    .delete(partialsFolder(services), { recursive: true, useTrash: false })
    .then(undefined, () => undefined);
}
