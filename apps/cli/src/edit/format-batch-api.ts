import type { BatchApiSummary } from '@retouch/core/batch-api';
import { eachJson, formatEachOutcome } from './format-each.js';
import type { BatchApiOutcome } from './run-batch-api-job.js';

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

/** The `--each` summary plus where the batches stand and the price they were charged at. */
export function formatBatchApiOutcome(outcome: BatchApiOutcome, cwd: string): string {
  const { summary } = outcome;
  const lines = [formatEachOutcome(outcome, cwd)];
  const batches = summary.batches;
  const states = batches.map((batch) => statusWords[batch.status]);
  const percent = Math.round(summary.priceFactor * 100);
  if (batches.length > 0) {
    lines.push(
      `  Batch API: ${batches.length === 1 ? `1 batch, ${states[0]}` : `${batches.length} batches (${[...new Set(states)].join(', ')})`}; results cost the batch price, ${percent}% of the live price`,
    );
  }
  if (summary.stopped?.reason === 'cancelled' && batches.some((batch) => !isFinal(batch.status))) {
    lines.push(
      '  The batch goes on on the server: run the same command again to follow it and write its results, or add --cancel-batch to cancel it.',
    );
  }
  return lines.join('\n');
}

/** The `--each --json` document with the batches (ids, statuses, counts) and the price factor. */
export function batchApiJson(outcome: BatchApiOutcome, prompt: string, notices: string[]): string {
  const document = JSON.parse(eachJson(outcome, prompt, notices)) as Record<string, unknown>;
  return JSON.stringify({
    ...document,
    batch: { priceFactor: outcome.summary.priceFactor, batches: outcome.summary.batches },
  });
}

function isFinal(status: string): boolean {
  return ['completed', 'failed', 'expired', 'cancelled'].includes(status);
}
