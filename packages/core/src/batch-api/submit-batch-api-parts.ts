import type { EachItem, ItemOutcome } from '../batch/batch-types.js';
import { estimateEditCost } from '../cost/estimate-cost.js';
import { formatMoney } from '../cost/format-money.js';
import { throwIfAborted } from '../errors/abort-error.js';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';
import type { BatchApiSteps } from './batch-api-contract.js';
import type { BatchApiPart } from './batch-api-journal.js';
import type { BatchApiEditRequest } from './batch-api-types.js';
import { captureEditCall } from './capture-edit-call.js';
import { PartSpool } from './spool-parts.js';

const now = () => new Date().toISOString();

/**
 * Builds a line for every item (checked as a live edit would be), writes them to input files
 * within the batch limits, and for each file: upload it, record that, create the batch, record
 * that. Items that fail their checks, or do not fit `maxCost`, get their outcome here.
 */
export async function submitBatchApiParts(
  request: BatchApiEditRequest,
  api: BatchApiSteps,
  items: readonly EachItem[],
  options: { firstPart: number; signal: AbortSignal; factor: number },
  onOutcome: (outcome: ItemOutcome) => void,
  onSubmitted: (part: BatchApiPart) => void,
): Promise<BatchApiPart[]> {
  const { signal } = options;
  const admitted = admit(request, items, options.factor, onOutcome);
  const spool = new PartSpool(api.limits, request.spoolFolder);
  const parts: BatchApiPart[] = [];
  try {
    let sequence = 0;
    for (const raw of admitted) {
      throwIfAborted(signal, request.provider.id);
      const startedAt = performance.now();
      try {
        const item = request.prepare ? await request.prepare(raw) : raw;
        const { call } = await captureEditCall({
          provider: request.provider,
          model: request.model,
          prompt: request.prompt,
          images: item.images,
          ...(request.mask ? { mask: request.mask } : {}),
          ...options_(request),
          ...item.options,
        });
        const customId = `r${sequence++}`;
        const line = await api.line(call, customId, signal);
        await spool.add(line.text, {
          key: item.key,
          customId,
          ...(item.contentHash ? { contentHash: item.contentHash } : {}),
        });
      } catch (error) {
        if (signal.aborted) throw error;
        onOutcome({
          key: raw.key,
          status: 'failed',
          error: isRetouchError(error)
            ? error
            : new RetouchError({
                code: 'invalid_request',
                provider: request.provider.id,
                message: String((error as Error)?.message ?? error),
              }),
          elapsedMs: performance.now() - startedAt,
        });
      }
    }
    const spooled = await spool.finish();
    for (const [offset, file] of spooled.entries()) {
      throwIfAborted(signal, request.provider.id);
      if (file.keys.length === 0) continue;
      const inputFileId = await api.uploadInput({ path: file.path, size: file.size }, signal);
      const part: BatchApiPart = {
        index: options.firstPart + offset,
        keys: file.keys,
        customIds: file.customIds,
        contentHashes: file.contentHashes,
        inputFileId,
        updatedAt: now(),
      };
      await request.journal.savePart(part);
      const state = await api.create(
        inputFileId,
        { ...request.metadata, retouch_part: String(part.index) },
        signal,
      );
      part.batchId = state.id;
      part.status = state.status;
      part.updatedAt = now();
      await request.journal.savePart(part);
      onSubmitted(part);
      parts.push(part);
    }
    return parts;
  } finally {
    await spool.discard();
  }
}

function options_(request: BatchApiEditRequest) {
  const {
    n,
    size,
    quality,
    background,
    outputFormat,
    outputCompression,
    inputFidelity,
    user,
    providerOptions,
  } = request;
  return Object.fromEntries(
    Object.entries({
      n,
      size,
      quality,
      background,
      outputFormat,
      outputCompression,
      inputFidelity,
      user,
      providerOptions,
    }).filter(([, value]) => value !== undefined),
  );
}

/** The items whose estimated cost at the batch price fits `maxCost`, in order; the rest are over budget. */
function admit(
  request: BatchApiEditRequest,
  items: readonly EachItem[],
  factor: number,
  onOutcome: (outcome: ItemOutcome) => void,
): readonly EachItem[] {
  if (request.maxCost === undefined) return items;
  const live = estimateEditCost({
    model: request.model,
    pricing: request.pricing,
    n: request.n,
    size: request.size,
    quality: request.quality,
  });
  if (live.kind === 'unknown') {
    for (const item of items) {
      onOutcome({
        key: item.key,
        status: 'over-budget',
        reason: `its cost cannot be estimated (${live.reason})`,
      });
    }
    return [];
  }
  const each = live.amount * factor;
  const fit = each <= 0 ? items.length : Math.floor((request.maxCost + 1e-9) / each);
  for (const item of items.slice(fit)) {
    onOutcome({
      key: item.key,
      status: 'over-budget',
      reason: `${fit} edits at up to ${formatMoney(each, live.currency)} each (the batch price) fill the budget of ${formatMoney(request.maxCost, live.currency)}`,
    });
  }
  return items.slice(0, fit);
}
