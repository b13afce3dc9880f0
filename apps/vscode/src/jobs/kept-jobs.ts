import { isRetouchError, type JobHandle } from '@retouch/core';

/**
 * The jobs an edit that failed (not cancelled) left running on the server: core keeps following
 * a job until the server cannot be reached for as long as it may run, and then hands its handle
 * back instead of cancelling it. They stay pending, so Retry (or the next window) follows the same
 * job instead of paying for another.
 */
export function keptJobs(error: unknown): JobHandle[] {
  if (!isRetouchError(error) || error.code === 'cancelled') return [];
  return error.cancellations
    .filter((entry) => entry.outcome !== 'cancelled')
    .flatMap((entry) => (entry.handle ? [entry.handle] : []));
}
