import * as vscode from 'vscode';

/**
 * Beside the active editor, or in the active group when nothing is open (an edit started from
 * the Explorer), so a result never opens next to an empty group.
 */
export function besideColumn(): vscode.ViewColumn {
  return vscode.window.tabGroups.activeTabGroup.activeTab
    ? vscode.ViewColumn.Beside
    : vscode.ViewColumn.Active;
}
