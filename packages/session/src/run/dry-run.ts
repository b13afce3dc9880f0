import {
  type CostEstimate,
  checkEdit,
  type EditWarning,
  isRetouchError,
  type ModelPricing,
  type RequestIssue,
  RetouchError,
} from '@retouch/core';
import { openBatchApiJournal } from '@retouch/output';
import { batchIdentity, itemKey, journalFolderOf, openJournal } from '../each/batch-identity.js';
import { ownResults } from '../each/each-job.js';
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
  /** Images a batch would leave out: its own results from an earlier run (see `ownResults`). */
  leftOut: number;
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
  options: {
    /** The batch would go to the Batch API, which keeps a journal of its own. */
    batchApi?: boolean;
  } = {},
): Promise<DryRun> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const { fs } = resolved;
  // A batch's own results from an earlier run are left out before anything is checked.
  const earlier = plan.each
    ? await earlierRuns(resolved, plan, options.batchApi === true)
    : { doneBefore: 0, own: new Set<string>() };
  const groups = plan.each
    ? plan.images.filter((image) => !earlier.own.has(fs.display(image))).map((image) => [image])
    : [plan.images];
  const warnings = new Map<string, EditWarning>();
  const issues: RequestIssue[] = [];
  const mask = plan.mask === undefined ? undefined : await resolved.imageInput(plan.mask);
  // A marks layer alone is checked by the engine as it would send it (as a layer, or drawn on).
  const layer = plan.markup === undefined ? plan.markupLayer : undefined;
  const markup =
    layer === undefined
      ? undefined
      : 'location' in layer
        ? await resolved.imageInput(layer.location)
        : { data: layer.data, filename: layer.filename };
  for (const group of groups) {
    const name = fs.baseName(group[0]!);
    try {
      const checked = await checkEdit({
        provider: plan.provider,
        model: plan.model,
        prompt: plan.prompt,
        images: await Promise.all(group.map((image) => resolved.imageInput(image))),
        ...(mask === undefined ? {} : { mask }),
        ...(markup === undefined ? {} : { markup }),
        ...plan.options,
        ...(await sourceOptions(fs, plan, group[0]!)),
        ...(plan.keepInput ? { keepInput: true } : {}),
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
  const { doneBefore } = earlier;
  const leftOut = earlier.own.size;
  const edits = plan.edits - doneBefore - leftOut;
  const result: DryRun = {
    provider: plan.provider.id,
    model: plan.model,
    edits,
    doneBefore,
    leftOut,
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

/**
 * What the batch's journal says of earlier runs: the inputs done, for content that has not
 * changed since, and the images that are its own results (left out, see `ownResults`).
 */
async function earlierRuns<Location>(
  host: ResolvedHost<Location>,
  plan: EditPlan<Location>,
  batchApi: boolean,
): Promise<{ doneBefore: number; own: Set<string> }> {
  const { fs } = host;
  const maskSha256 =
    plan.mask === undefined ? undefined : await host.sha256(plan.mask).catch(() => '');
  const folder = journalFolderOf(fs, plan.images, plan.folders);
  const identity = batchIdentity(plan, maskSha256);
  const previous = batchApi
    ? await openBatchApiJournal(fs, folder, { batch: identity }).then(
        (journal) => (key: string) => journal.item(key),
      )
    : await openJournal(fs, folder, identity).then(
        (journal) => (key: string) => journal.previous(key),
      );
  const entries = plan.images.map((image) => ({ key: itemKey(fs, folder, image), image }));
  const own = ownResults(fs, entries, previous);
  let doneBefore = 0;
  for (const { key, image } of entries) {
    if (own.has(fs.display(image))) continue;
    const entry = previous(key);
    if (
      entry?.state === 'done' &&
      entry.contentHash === (await host.sha256(image).catch(() => undefined))
    )
      doneBefore++;
  }
  return { doneBefore, own };
}
