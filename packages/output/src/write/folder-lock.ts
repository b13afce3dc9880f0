const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task for the same folder in this process has settled. A port
 * whose no-overwrite rename is check-then-rename (`vscode.workspace.fs` on disk) is only safe
 * against other processes in the moment between the two; within one process this closes the gap.
 */
export async function withFolderLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
