import * as vscode from 'vscode';

export interface QuickPickOnceOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  items: readonly T[];
  active?: T;
  /** Shown as the first item while the user types; its label is the typed text. */
  freeText?: (value: string) => T | undefined;
}

/**
 * A single-choice quick pick that can preselect an item (Enter keeps the default) and accept
 * free text, which `showQuickPick` cannot. Resolves undefined when dismissed.
 */
export function quickPickOnce<T extends vscode.QuickPickItem>(
  options: QuickPickOnceOptions<T>,
): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.items = options.items;
  if (options.active) pick.activeItems = [options.active];
  return new Promise<T | undefined>((resolve) => {
    let result: T | undefined;
    pick.onDidChangeValue((value) => {
      if (!options.freeText) return;
      const typed = value.trim() ? options.freeText(value) : undefined;
      // The list focuses its first row, the typed text, by itself. Setting activeItems too would
      // arrive after the list update and could pull the focus back from a row the user has
      // already moved to with the arrow keys.
      pick.items = typed ? [typed, ...options.items] : options.items;
    });
    pick.onDidAccept(() => {
      result = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
