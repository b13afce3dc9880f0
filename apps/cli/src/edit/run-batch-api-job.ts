import { randomUUID } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import type { EachItem } from '@retouch/core';
import { type BatchApiEvent, type BatchApiSummary, runBatchApiEdit } from '@retouch/core/batch-api';
import {
  deliverResults,
  deliveryError,
  openBatchApiJournal,
  probeOutputFolder,
} from '@retouch/output';
import { nodeOutputFileSystem as fs, hashFile } from '@retouch/output/node';
import { cliVersion } from '../cli-version.js';
import { itemOptions, modelOf } from './edit-inputs.js';
import { batchIdentity, commonFolder, type EachJob, itemKey } from './run-each-edit.js';
import { rescueFolder } from './run-edit.js';

export interface BatchApiJob extends Omit<EachJob, 'onEvent' | 'concurrency'> {
  /** Cancel the job's batches on the server (then deliver what they finished). */
  cancel: boolean;
  onEvent?: (event: BatchApiEvent) => void;
  /** Polling of the batch's status (tests shorten it). */
  poll?: { firstMs?: number; maxMs?: number };
}

export interface BatchApiOutcome {
  provider: string;
  model: string;
  inputs: string[];
  summary: BatchApiSummary;
  journal: string;
  notes: string[];
  elapsedMs: number;
}

/**
 * `retouch edit --each --batch`: the same job as `--each` on the provider's Batch API at the
 * batch price, through core's `runBatchApiEdit`, with its journal beside the outputs so running
 * the same command again follows the same batches. Results are written as `--each` writes them.
 */
export async function runBatchApiJob(job: BatchApiJob): Promise<BatchApiOutcome> {
  const startedAt = performance.now();
  const images = job.images.map((image) => resolve(job.cwd, image));
  const mask = job.mask === undefined ? undefined : resolve(job.cwd, job.mask);
  const model = modelOf(job.provider, job.model);
  const outDir = job.outDir === undefined ? undefined : resolve(job.cwd, job.outDir);
  const folderOf = (image: string) => outDir ?? dirname(image);
  const journalFolder = outDir ?? commonFolder(images);
  for (const folder of new Set([journalFolder, ...images.map(folderOf)])) {
    await probeOutputFolder(fs, folder, {
      field: 'out',
      advice: 'Write the results to a folder you can write to with --out <dir>.',
    });
  }
  const maskHash = mask ? await hashFile(mask).catch(() => '') : undefined;
  const journal = await openBatchApiJournal(fs, journalFolder, {
    batch: batchIdentity(job, model, maskHash, outDir),
  });
  const notes = [...journal.notes];
  const items: EachItem[] = images.map((image) => ({
    key: itemKey(journalFolder, image),
    images: image,
  }));
  const summary = await runBatchApiEdit({
    provider: job.provider,
    model,
    prompt: job.prompt,
    ...(mask ? { mask } : {}),
    ...job.options,
    items,
    pricing: job.pricing,
    maxCost: job.maxCost,
    journal,
    cancel: job.cancel,
    signal: job.signal,
    onEvent: job.onEvent,
    ...(job.poll ? { poll: job.poll } : {}),
    metadata: { made_by: 'retouch' },
    async prepare(item) {
      const image = resolve(journalFolder, item.key);
      const [hash, options] = await Promise.all([
        hashFile(image).catch(() => undefined),
        itemOptions(job, model, image).catch(() => ({})),
      ]);
      return { ...item, images: image, options, ...(hash ? { contentHash: hash } : {}) };
    },
    async deliver(item, result, cost) {
      const image = resolve(journalFolder, item.key);
      const delivery = await deliverResults({
        fs,
        folder: folderOf(image),
        sourceName: basename(image),
        result,
        edit: {
          editId: randomUUID(),
          tool: { name: '@retouch/cli', version: cliVersion },
          prompt: job.prompt,
          baseURL: job.endpoint,
          options: { ...job.options, ...item.options },
          sources: [{ location: image, sha256: item.contentHash ?? '' }],
          ...(mask ? { mask: { location: mask, sha256: maskHash ?? '' } } : {}),
          cost,
        },
        sidecar: job.sidecar,
        rescueFolder: rescueFolder(),
        secrets: job.secrets,
      });
      notes.push(...delivery.notes);
      const problem = deliveryError(fs, delivery, {
        provider: result.provider,
        ...(result.requestId ? { requestId: result.requestId } : {}),
      });
      if (delivery.outputs.length === 0 && problem) throw problem;
      return {
        outputs: delivery.outputs.map((output) => output.location),
        ...(problem ? { problem } : {}),
      };
    },
  });
  await journal.flush();
  return {
    provider: job.provider.id,
    model,
    inputs: summary.items.map((item) => resolve(journalFolder, item.key)),
    summary,
    journal: journal.location,
    notes,
    elapsedMs: performance.now() - startedAt,
  };
}
