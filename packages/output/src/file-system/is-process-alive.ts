/**
 * Whether a process with this id runs on this machine (signal 0 checks without signalling). A
 * process we may not signal still runs; only "no such process" means it is gone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
