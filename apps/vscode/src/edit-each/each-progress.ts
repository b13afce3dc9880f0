import type { BatchCounts } from '@retouch/core';

/** `2 of 5 done · 2 running · 1 failed · 0 left`, for the batch's one notification. */
export function describeEachProgress(counts: BatchCounts, waiting?: string): string {
  const parts = [`${counts.done} of ${counts.total} done`, `${counts.running} running`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.skipped) parts.push(`${counts.skipped} not started`);
  parts.push(`${counts.left} left`);
  if (waiting) parts.push(waiting);
  return parts.join(' · ');
}
