import { loadEditRuntime } from '../host/load-edit-runtime.js';
import type { RetouchServices } from '../host/services.js';

/**
 * Queue jobs a previous window started (their handles are in workspace state) are resumed as soon
 * as Retouch starts, with progress; with none pending, nothing is loaded. Jobs of a provider that
 * another extension registers wait until it has registered.
 */
export function resumePendingJobsWhenAny(services: RetouchServices): void {
  const ready = services.pendingJobs
    .list()
    .some((job) => services.providers.has(job.handle.provider));
  if (!ready) return;
  // After activation returns: loading the edit runtime is not part of it.
  setTimeout(() => {
    void loadEditRuntime(services).resumePendingJobs('start-up');
  }, 0);
}
