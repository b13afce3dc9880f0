import { basename, dirname, resolve } from 'node:path';
import {
  type CostEstimate,
  checkEdit,
  type EditWarning,
  estimateEditCost,
  formatCost,
  formatMoney,
  isRetouchError,
  type ModelPricing,
  type RequestIssue,
  RetouchError,
} from '@retouch/core';
import { openBatchJournal, probeOutputFolder } from '@retouch/output';
import { nodeOutputFileSystem as fs, hashFile } from '@retouch/output/node';
import { itemOptions, modelOf } from './edit-inputs.js';
import { batchIdentity, commonFolder, itemKey } from './run-each-edit.js';
import type { EditJob } from './run-edit.js';

export interface DryRun {
  provider: string;
  model: string;
  /** Edits the run would send. */
  edits: number;
  /** Inputs a `--each` run would skip, done in an earlier run. */
  doneBefore: number;
  /** One edit's estimate, and the whole run's. */
  perEdit: CostEstimate;
  total: CostEstimate;
  pricing?: ModelPricing;
  /** Whether the run fits `--max-cost`, when one was given. */
  withinBudget?: boolean;
  warnings: EditWarning[];
}

/**
 * `--dry-run`: everything a run checks before it sends (the model, each input and the mask read
 * and validated, the output folders writable), and what the run is estimated to cost. Sends
 * nothing. With `each`, every input is one edit and inputs done in an earlier run are not counted.
 */
export async function dryRunEdit(
  job: Omit<EditJob, 'signal' | 'onProgress'> & { each: boolean; maxCost?: number },
): Promise<DryRun> {
  const model = modelOf(job.provider, job.model);
  const images = job.images.map((image) => resolve(job.cwd, image));
  const mask = job.mask === undefined ? undefined : resolve(job.cwd, job.mask);
  const outDir = job.outDir === undefined ? undefined : resolve(job.cwd, job.outDir);
  const groups = job.each ? images.map((image) => [image]) : [images];
  const warnings = new Map<string, EditWarning>();
  const issues: RequestIssue[] = [];
  for (const group of groups) {
    try {
      const checked = await checkEdit({
        provider: job.provider,
        model,
        prompt: job.prompt,
        images: group,
        ...(mask ? { mask } : {}),
        ...job.options,
        ...(await itemOptions(job, model, group[0]!)),
        ...(job.keepInput ? { keepInput: true } : {}),
      });
      for (const warning of checked.warnings) warnings.set(warning.message, warning);
    } catch (error) {
      if (!isRetouchError(error) || error.code !== 'invalid_request') throw error;
      const message = job.each ? `${basename(group[0]!)}: ${error.message}` : error.message;
      issues.push({ field: job.each ? basename(group[0]!) : 'request', message });
    }
  }
  if (issues.length > 0) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: job.provider.id,
      message: `Dry run: ${issues.length === 1 ? issues[0]!.message : `${issues.length} edits would be refused:\n${issues.map((issue) => `  - ${issue.message}`).join('\n')}`}`,
      issues,
    });
  }
  for (const folder of new Set(groups.map((group) => outDir ?? dirname(group[0]!)))) {
    await probeOutputFolder(fs, folder, {
      field: 'out',
      advice: 'Choose a folder you can write to with --out <dir>.',
    });
  }
  const doneBefore = job.each ? await countDone(job, model, images, outDir, mask) : 0;
  const perEdit = estimateEditCost({
    model,
    pricing: job.pricing,
    n: job.options.n,
    size: job.options.size,
    quality: job.options.quality,
  });
  const edits = groups.length - doneBefore;
  const total: CostEstimate =
    perEdit.kind === 'unknown'
      ? perEdit
      : { ...perEdit, amount: perEdit.amount * edits, basis: `${edits} × (${perEdit.basis})` };
  const dryRun: DryRun = {
    provider: job.provider.id,
    model,
    edits,
    doneBefore,
    perEdit,
    total,
    warnings: [...warnings.values()],
  };
  if (job.pricing) dryRun.pricing = job.pricing;
  if (job.maxCost !== undefined) {
    dryRun.withinBudget = total.kind === 'estimate' && total.amount <= job.maxCost + 1e-9;
  }
  return dryRun;
}

async function countDone(
  job: Omit<EditJob, 'signal' | 'onProgress'>,
  model: string,
  images: string[],
  outDir: string | undefined,
  mask: string | undefined,
): Promise<number> {
  const maskHash = mask ? await hashFile(mask).catch(() => '') : undefined;
  const folder = outDir ?? commonFolder(images);
  const journal = await openBatchJournal(fs, folder, {
    batch: batchIdentity(job, model, maskHash, outDir),
  });
  if (journal.known === 0) return 0;
  let done = 0;
  for (const image of images) {
    const entry = journal.previous(itemKey(folder, image));
    if (
      entry?.state === 'done' &&
      entry.contentHash === (await hashFile(image).catch(() => undefined))
    )
      done++;
  }
  return done;
}

/** What `--dry-run` prints for a person. */
export function formatDryRun(dryRun: DryRun, maxCost?: number): string {
  const lines = [`Dry run: nothing was sent.`];
  const skipped = dryRun.doneBefore
    ? ` (${dryRun.doneBefore} done in an earlier run would be skipped)`
    : '';
  lines.push(
    `  ${dryRun.edits} edit${dryRun.edits === 1 ? '' : 's'} with ${dryRun.provider} · ${dryRun.model}${skipped}: inputs, options and output folder checked`,
  );
  if (dryRun.total.kind === 'estimate') {
    lines.push(`  estimated cost: ${formatCost(dryRun.total)}, ${dryRun.total.basis}`);
  } else lines.push(`  estimated cost: unknown: ${dryRun.total.reason}`);
  const source = dryRun.pricing?.source;
  if (source)
    lines.push(
      `  prices: ${source.title}${source.url ? ` (${source.url})` : ''}, checked ${source.checked}`,
    );
  if (maxCost !== undefined) {
    lines.push(
      dryRun.withinBudget
        ? `  within --max-cost ${formatMoney(maxCost, dryRun.pricing?.currency)}`
        : `  over --max-cost ${formatMoney(maxCost, dryRun.pricing?.currency)}: a real run would start only the edits that fit`,
    );
  }
  for (const warning of dryRun.warnings) lines.push(`  ⚠ ${warning.message}`);
  return lines.join('\n');
}
