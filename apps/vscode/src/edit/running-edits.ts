import * as vscode from 'vscode';

interface RunningEdit {
  label: string;
  controller: AbortController;
}

/**
 * Edits in flight in this window, for "Retouch: Cancel Running Edits", the status bar item and
 * the `retouch.editsRunning` context key.
 */
export class RunningEdits implements vscode.Disposable {
  private readonly edits = new Set<RunningEdit>();
  private readonly status = vscode.window.createStatusBarItem(
    'retouch.status',
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor() {
    this.status.name = 'Retouch';
    this.status.command = 'retouch.cancelRunningEdits';
  }

  get count(): number {
    return this.edits.size;
  }

  /** Tracks an edit until the returned disposable is disposed. */
  add(label: string, controller: AbortController): vscode.Disposable {
    const edit = { label, controller };
    this.edits.add(edit);
    this.update();
    return new vscode.Disposable(() => {
      this.edits.delete(edit);
      this.update();
    });
  }

  cancelAll(): number {
    const count = this.edits.size;
    for (const edit of this.edits) edit.controller.abort();
    return count;
  }

  private update(): void {
    const count = this.edits.size;
    void vscode.commands.executeCommand('setContext', 'retouch.editsRunning', count > 0);
    if (count === 0) {
      this.status.hide();
      return;
    }
    this.status.text = `$(sync~spin) Retouch: ${count} ${count === 1 ? 'edit' : 'edits'} running`;
    this.status.tooltip = `${[...this.edits].map((edit) => edit.label).join('\n')}\n\nClick to cancel.`;
    this.status.show();
  }

  // Deliberately does not abort: a window reload deactivates the extension, and aborting would
  // cancel queue jobs that are meant to resume in the reloaded window.
  dispose(): void {
    this.status.dispose();
  }
}
