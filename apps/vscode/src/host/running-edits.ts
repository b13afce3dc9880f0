import * as vscode from 'vscode';

interface RunningEdit {
  label: string;
  /** Undefined for a job that can no longer be cancelled and is only followed to its end. */
  cancel: (() => void) | undefined;
  /** The request or job has gone to the provider: cancelling it may come too late to be free. */
  sent: boolean;
}

/** One tracked edit, for the code that runs it. */
export interface TrackedEdit extends vscode.Disposable {
  /** Call once the request is on its way to the provider. */
  markSent(): void;
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
    // From the status bar, cancelling a paid request asks first (see cancel-edits/cancel-running-edits-command.ts).
    this.status.command = {
      command: 'retouch.cancelRunningEdits',
      title: 'Cancel Running Edits',
      arguments: [{ confirm: true }],
    };
  }

  get count(): number {
    return this.edits.size;
  }

  private cancellable(): RunningEdit[] {
    return [...this.edits].filter((edit) => edit.cancel !== undefined);
  }

  /** How many running edits can still be cancelled. */
  get cancellableCount(): number {
    return this.cancellable().length;
  }

  /** How many of those have reached the provider (and may be billed). */
  get sentCount(): number {
    return this.cancellable().filter((edit) => edit.sent).length;
  }

  /** Tracks an edit until the returned disposable is disposed. */
  add(label: string, cancel: (() => void) | undefined): TrackedEdit {
    const edit: RunningEdit = { label, cancel, sent: false };
    this.edits.add(edit);
    this.update();
    return {
      markSent: () => {
        edit.sent = true;
      },
      dispose: () => {
        this.edits.delete(edit);
        this.update();
      },
    };
  }

  /** Cancels every edit that can be; returns how many. */
  cancelAll(): number {
    const edits = this.cancellable();
    for (const edit of edits) edit.cancel?.();
    return edits.length;
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
