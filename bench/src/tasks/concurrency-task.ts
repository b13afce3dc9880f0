import type { ImageEditClient } from '../clients/image-edit-client.js';
import { median } from '../stats.js';

export interface ConcurrencyRun {
  edits: number;
  concurrency: number;
  wallMs: number;
  /** Median wall time of one edit on its own, measured just before by the same client. */
  singleEditMs: number;
  /** ceil(edits / concurrency) × singleEditMs: perfect overlap, no queueing in the client. */
  idealMs: number;
  /** Every edit this process sent, warm-up and single-edit samples included. */
  totalEdits: number;
}

const sequentialSamples = 8;

async function runPool(edit: ImageEditClient, small: string, edits: number, width: number) {
  let next = 0;
  const worker = async () => {
    while (next < edits) {
      next += 1;
      await edit({ path: small, prompt: 'tint' });
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

export async function runConcurrency(
  edit: ImageEditClient,
  small: string,
  edits: number,
  concurrency: number,
): Promise<ConcurrencyRun> {
  // Warm both the modules and a full pool of connections.
  await runPool(edit, small, concurrency, concurrency);
  const single: number[] = [];
  for (let i = 0; i < sequentialSamples; i++) {
    const started = performance.now();
    await edit({ path: small, prompt: 'tint' });
    single.push(performance.now() - started);
  }
  const singleEditMs = median(single);
  const started = performance.now();
  await runPool(edit, small, edits, concurrency);
  const wallMs = performance.now() - started;
  return {
    edits,
    concurrency,
    wallMs,
    singleEditMs,
    idealMs: Math.ceil(edits / concurrency) * singleEditMs,
    totalEdits: concurrency + sequentialSamples + edits,
  };
}
