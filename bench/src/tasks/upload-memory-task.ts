import { statSync } from 'node:fs';
import type { ImageEditClient } from '../clients/image-edit-client.js';
import { settledRss, watchPeakRss } from '../process-memory.js';

export interface UploadMemoryRun {
  fileBytes: number;
  baselineBytes: number;
  peakBytes: number;
  /** Peak RSS above the baseline while the large edit ran. */
  aboveBaselineBytes: number;
  sampledPeakBytes: number;
  kernelPeakBytes: number | undefined;
  editMs: number;
}

// A tiny output keeps the measurement about the upload: the answer is a 64×64 image.
const outputSize = '64x64';

/** One fresh process, one large edit: how far RSS climbs above where it settled after a warm-up. */
export async function runUploadMemory(
  edit: ImageEditClient,
  large: string,
  small: string,
): Promise<UploadMemoryRun> {
  // The warm-up loads every lazily imported module and opens the connection.
  for (let i = 0; i < 3; i++) await edit({ path: small, prompt: 'tint', size: outputSize });
  const baselineBytes = await settledRss();
  const watch = watchPeakRss(5);
  const started = performance.now();
  const result = await edit({ path: large, prompt: 'tint', size: outputSize });
  const editMs = performance.now() - started;
  const peak = watch.stop();
  if (result.byteLength === 0) throw new Error('empty result');
  return {
    fileBytes: statSync(large).size,
    baselineBytes,
    peakBytes: peak.peakBytes,
    aboveBaselineBytes: peak.peakBytes - baselineBytes,
    sampledPeakBytes: peak.sampledPeakBytes,
    kernelPeakBytes: peak.kernelPeakBytes,
    editMs,
  };
}
