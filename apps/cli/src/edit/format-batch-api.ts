import { type BatchApiEachOutcome, batchStatusWords, isBatchFinal } from '@retouch/session';
import { eachJson, formatEachOutcome } from './format-each.js';

/** The `--each` summary plus where the batches stand and the price they were charged at. */
export function formatBatchApiOutcome(outcome: BatchApiEachOutcome<string>, cwd: string): string {
  const { summary } = outcome;
  const lines = [formatEachOutcome(outcome, cwd)];
  const batches = summary.batches;
  const states = batches.map((batch) => batchStatusWords(batch.status));
  const percent = Math.round(summary.priceFactor * 100);
  if (batches.length > 0) {
    lines.push(
      `  Batch API: ${batches.length === 1 ? `1 batch, ${states[0]}` : `${batches.length} batches (${[...new Set(states)].join(', ')})`}; results cost the batch price, ${percent}% of the live price`,
    );
  }
  if (
    summary.stopped?.reason === 'cancelled' &&
    batches.some((batch) => !isBatchFinal(batch.status))
  ) {
    lines.push(
      '  The batch goes on on the server: run the same command again to follow it and write its results, or add --cancel-batch to cancel it.',
    );
  }
  return lines.join('\n');
}

/** The `--each --json` document with the batches (ids, statuses, counts) and the price factor. */
export function batchApiJson(
  outcome: BatchApiEachOutcome<string>,
  prompt: string,
  notices: string[],
): string {
  const document = JSON.parse(eachJson(outcome, prompt, notices)) as Record<string, unknown>;
  return JSON.stringify({
    ...document,
    batch: { priceFactor: outcome.summary.priceFactor, batches: outcome.summary.batches },
  });
}
