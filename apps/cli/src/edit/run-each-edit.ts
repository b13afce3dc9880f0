import { randomUUID } from 'node:crypto';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import {
  type BatchEvent,
  type BatchSummary,
  type EachItem,
  editEach,
  RetouchError,
} from '@retouch/core';
import {
  type BatchIdentity,
  deliverResults,
  deliveryError,
  openBatchJournal,
  probeOutputFolder,
} from '@retouch/output';
import { nodeOutputFileSystem as fs, hashFile } from '@retouch/output/node';
import { cliVersion } from '../cli-version.js';
import { itemOptions, modelOf } from './edit-inputs.js';
import { type EditJob, rescueFolder } from './run-edit.js';

export interface EachJob extends Omit<EditJob, 'signal' | 'onProgress'> {
  concurrency?: number;
  maxCost?: number;
  /** Ignore the journal: edit every input again. */
  fresh?: boolean;
  signal: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
}

export interface EachOutcome {
  provider: string;
  model: string;
  /** Absolute input paths, in the order of `summary.items`. */
  inputs: string[];
  summary: BatchSummary;
  journal: string;
  /** What the user may want to know (an unreadable journal, results saved elsewhere). */
  notes: string[];
  elapsedMs: number;
}

/**
 * `retouch edit --each`: every input edited on its own with the same prompt, mask and options,
 * through core's `editEach` (concurrency, one rate-limit gate, budget), each result written
 * beside its input (or in --out) as soon as it arrives, and a journal beside the outputs so
 * running the same command again finishes what is left.
 */
export async function runEachEdit(job: EachJob): Promise<EachOutcome> {
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
  const journal = await openBatchJournal(fs, journalFolder, {
    batch: batchIdentity(job, model, maskHash, outDir),
  });
  const items: EachItem[] = images.map((image) => ({
    key: itemKey(journalFolder, image),
    images: image,
  }));
  const editIdOf = new Map<string, string>();
  const notes = [...journal.notes];

  const summary = await editEach({
    provider: job.provider,
    model,
    prompt: job.prompt,
    ...(mask ? { mask } : {}),
    ...job.options,
    items,
    prepare: (item) => prepareItem(item, job, model),
    concurrency: job.concurrency,
    pricing: job.pricing,
    maxCost: job.maxCost,
    fresh: job.fresh,
    journal,
    timeoutMs: job.timeoutMs,
    totalTimeoutMs: job.timeoutMs,
    ...(job.keepInput ? { keepInput: true } : {}),
    signal: job.signal,
    onEvent: job.onEvent,
    async deliver(item, result, cost) {
      const image = resolve(journalFolder, item.key);
      const editId = randomUUID();
      editIdOf.set(item.key, editId);
      const delivery = await deliverResults({
        fs,
        folder: folderOf(image),
        sourceName: basename(image),
        result,
        edit: {
          editId,
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
  return {
    provider: job.provider.id,
    model,
    inputs: items.map((item) => resolve(journalFolder, item.key)),
    summary,
    journal: journal.location,
    notes,
    elapsedMs: performance.now() - startedAt,
  };
}

/**
 * Fills in an item just before it runs (`editEach` reads a few ahead): its hash, which pins it in
 * the journal, and the output format that follows its type.
 */
async function prepareItem(item: EachItem, job: EachJob, model: string): Promise<EachItem> {
  const image = item.images as string;
  // A missing or unreadable input fails in the engine, with a message that names it.
  const [hash, options] = await Promise.all([
    hashFile(image).catch(() => undefined),
    itemOptions(job, model, image),
  ]);
  return { ...item, options, ...(hash ? { contentHash: hash } : {}) };
}

/** What makes two runs the same batch, and so names its journal. */
export function batchIdentity(
  job: Pick<EachJob, 'provider' | 'prompt' | 'options'>,
  model: string,
  maskSha256: string | undefined,
  out: string | undefined,
): BatchIdentity {
  return {
    provider: job.provider.id,
    model,
    prompt: job.prompt,
    options: job.options,
    ...(maskSha256 ? { maskSha256 } : {}),
    ...(out ? { out } : {}),
  };
}

/** An input's key in the journal: its path from the journal's folder, `/`-separated. */
export function itemKey(journalFolder: string, image: string): string {
  return relative(journalFolder, image).split(sep).join('/');
}

/** The deepest folder holding every input: where the journal goes when there is no --out. */
export function commonFolder(paths: readonly string[]): string {
  const split = paths.map((path) => dirname(path).split(sep));
  const first = split[0] ?? [];
  let depth = first.length;
  for (const parts of split) {
    let same = 0;
    while (same < Math.min(depth, parts.length) && parts[same] === first[same]) same++;
    depth = same;
  }
  const common = first.slice(0, depth).join(sep);
  if (common === '' && first[0] === '') return sep;
  if (!common) {
    throw new RetouchError({
      code: 'invalid_request',
      message: 'The inputs share no folder (different drives?); name one with --out <dir>.',
      issues: [{ field: 'out', message: 'required for inputs on different drives' }],
    });
  }
  return common;
}
