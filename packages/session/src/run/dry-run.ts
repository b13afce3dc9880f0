import {
  type CostEstimate,
  checkEdit,
  type EditWarning,
  isRetouchError,
  type ModelPricing,
  type RequestIssue,
  RetouchError,
} from '@retouch/core';
import { batchIdentity, itemKey, journalFolderOf, openJournal } from '../each/batch-identity.js';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import type { EditPlan } from '../plan/edit-request.js';
import { sourceOptions } from '../plan/model-of.js';
import { totalOf } from '../plan/plan-edit.js';

export interface DryRun {
  provider: string;
  model: string;
  /** Edits the run would send. */
  edits: number;
  /** Inputs a batch would skip, done in an earlier run. */
  doneBefore: number;
  /** One edit's estimate, and the whole run's. */
  perEdit: CostEstimate;
  total: CostEstimate;
  pricing?: ModelPricing;
  /** Whether the run fits the plan's `maxCost`, when it has one. */
  withinBudget?: boolean;
  warnings: EditWarning[];
}

/**
 * Everything a run checks before it sends, beyond the plan: each input and the mask read and
 * validated by the engine, and, for a batch, the inputs an earlier run already did. Sends
 * nothing. Throws one `invalid_request` listing every edit that would be refused.
 */
export async function dryRun<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  plan: EditPlan<Location>,
): Promise<DryRun> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const { fs } = resolved;
  const groups = plan.each ? plan.images.map((image) => [image]) : [plan.images];
  const warnings = new Map<string, EditWarning>();
  const issues: RequestIssue[] = [];
  const mask = plan.mask === undefined ? undefined : await resolved.imageInput(plan.mask);
  for (const group of groups) {
    const name = fs.baseName(group[0]!);
    try {
      const checked = await checkEdit({
        provider: plan.provider,
        model: plan.model,
        prompt: plan.prompt,
        images: await Promise.all(group.map((image) => resolved.imageInput(image))),
        ...(mask === undefined ? {} : { mask }),
        ...plan.options,
        ...(await sourceOptions(fs, plan, group[0]!)),
      });
      for (const warning of checked.warnings) warnings.set(warning.message, warning);
    } catch (error) {
      if (!isRetouchError(error) || error.code !== 'invalid_request') throw error;
      const message = plan.each ? `${name}: ${error.message}` : error.message;
      issues.push({ field: plan.each ? name : 'request', message });
    }
  }
  if (issues.length > 0) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: plan.provider.id,
      message: `Dry run: ${issues.length === 1 ? issues[0]!.message : `${issues.length} edits would be refused:\n${issues.map((issue) => `  - ${issue.message}`).join('\n')}`}`,
      issues,
    });
  }
  const doneBefore = plan.each ? await countDone(resolved, plan) : 0;
  const edits = plan.edits - doneBefore;
  const result: DryRun = {
    provider: plan.provider.id,
    model: plan.model,
    edits,
    doneBefore,
    perEdit: plan.perEdit,
    total: totalOf(plan.perEdit, edits),
    warnings: [...warnings.values()],
  };
  if (plan.pricing) result.pricing = plan.pricing;
  if (plan.maxCost !== undefined) {
    result.withinBudget =
      result.total.kind === 'estimate' && result.total.amount <= plan.maxCost + 1e-9;
  }
  return result;
}

/** Inputs the batch's journal has as done, for content that has not changed since. */
async function countDone<Location>(
  host: ResolvedHost<Location>,
  plan: EditPlan<Location>,
): Promise<number> {
  const { fs } = host;
  const maskSha256 =
    plan.mask === undefined ? undefined : await host.sha256(plan.mask).catch(() => '');
  const folder = journalFolderOf(fs, plan.images, plan.folders);
  const journal = await openJournal(fs, folder, batchIdentity(plan, maskSha256));
  if (journal.known === 0) return 0;
  let done = 0;
  for (const image of plan.images) {
    const entry = journal.previous(itemKey(fs, folder, image));
    if (
      entry?.state === 'done' &&
      entry.contentHash === (await host.sha256(image).catch(() => undefined))
    )
      done++;
  }
  return done;
}
