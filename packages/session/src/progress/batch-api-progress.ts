import type { BatchApiEvent, BatchApiSummary } from '@retouch/core/batch-api';

const statusWords: Record<BatchApiSummary['batches'][number]['status'], string> = {
  validating: 'being checked',
  in_progress: 'running',
  finalizing: 'finishing',
  completed: 'completed',
  failed: 'refused',
  expired: 'expired',
  cancelling: 'being cancelled',
  cancelled: 'cancelled',
};

/** A batch's state on the server in plain words ("being checked", "running", …). */
export function batchStatusWords(status: BatchApiSummary['batches'][number]['status']): string {
  return statusWords[status];
}

/** Whether a batch on the server is over (nothing more will change). */
export function isBatchFinal(status: BatchApiSummary['batches'][number]['status']): boolean {
  return ['completed', 'failed', 'expired', 'cancelled'].includes(status);
}

/**
 * The words both apps show while a job is on the Batch API: once it is sent, then how far the
 * server is. An item finishing is drawn by the batch progress itself (undefined here).
 */
export function describeBatchApiEvent(event: BatchApiEvent): string | undefined {
  if (event.type === 'batch-submitted') {
    return `batch of ${event.requests} sent: waiting for the server (results within 24 h)`;
  }
  if (event.type === 'batch-status') {
    const { completed, failed, total } = event.counts;
    return `batch ${statusWords[event.status]}: ${completed + failed} of ${total || '…'} processed on the server`;
  }
  return undefined;
}
