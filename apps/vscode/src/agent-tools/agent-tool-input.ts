import * as vscode from 'vscode';

/** What an agent passes to Retouch's language-model tools (see `languageModelTools` in package.json). */
export interface AgentToolInput {
  images?: string[];
  prompt?: string;
}

export type AgentToolName = 'retouch_editImage' | 'retouch_editEach' | 'retouch_estimateCost';

/**
 * The images an agent names, as URIs inside the open workspace folders; relative paths are
 * taken from the first folder. Anything outside is refused: an agent edits the workspace only.
 */
export function workspaceImages(input: AgentToolInput): vscode.Uri[] {
  const paths = Array.isArray(input.images)
    ? input.images.filter((p) => typeof p === 'string')
    : [];
  if (paths.length === 0) throw new Error('Name at least one image to edit (a workspace path).');
  const folders = vscode.workspace.workspaceFolders ?? [];
  return paths.map((path) => {
    const uri =
      /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)
        ? vscode.Uri.parse(path)
        : path.startsWith('/') || /^[a-z]:[\\/]/i.test(path)
          ? vscode.Uri.file(path)
          : folders[0]
            ? vscode.Uri.joinPath(folders[0].uri, path)
            : undefined;
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (!uri || !folder || uri.path.split('/').includes('..')) {
      throw new Error(
        `${path} is not inside the open workspace; Retouch edits workspace images only.`,
      );
    }
    return uri;
  });
}
