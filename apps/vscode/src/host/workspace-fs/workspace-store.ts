import { storeFor } from '@retouch/output';
import * as vscode from 'vscode';
import { vscodeOutputFileSystem } from './vscode-output-file-system.js';

/**
 * The `.retouch/` store of the workspace folder that holds `uri`: where the records of
 * provider-signed results are kept (their bytes must stay as signed), and the Studio's
 * candidates. Undefined outside any workspace folder: the store beside the result is used.
 */
export function workspaceStoreFor(uri: vscode.Uri): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? storeFor(vscodeOutputFileSystem, folder.uri) : undefined;
}
