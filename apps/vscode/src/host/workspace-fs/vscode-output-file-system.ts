import * as vscode from 'vscode';
import { createUriOutputFileSystem } from './uri-output-file-system.js';

/** `@retouch/output` over `vscode.workspace.fs`: the extension's only file-system adapter. */
export const vscodeOutputFileSystem = createUriOutputFileSystem<vscode.Uri>({
  fs: vscode.workspace.fs,
  joinPath: (base, ...segments) => vscode.Uri.joinPath(base, ...segments),
  parse: (text) => vscode.Uri.parse(text, true),
  file: (path) => vscode.Uri.file(path),
  withPath: (uri, path) => uri.with({ path }),
  fileSystemErrorCode: (error) =>
    error instanceof vscode.FileSystemError ? error.code : undefined,
  // `locked`, not the whole path, for what is in the workspace; the full path elsewhere.
  displayName: (uri) => {
    const root = vscode.workspace.getWorkspaceFolder(uri);
    if (!root) return uri.scheme === 'file' ? uri.fsPath : uri.toString();
    const relative = vscode.workspace.asRelativePath(uri);
    return relative === uri.fsPath || relative === uri.toString() ? root.name : relative;
  },
});
