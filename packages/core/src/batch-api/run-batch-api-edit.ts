import type { BatchCounts, EachItem, ItemOutcome } from '../batch/batch-types.js';
import { totalCost } from '../cost/edit-cost.js';
import { estimateEditCost } from '../cost/estimate-cost.js';
import { assertProvider } from '../engine/assert-provider.js';
import { errorFromAbortSignal } from '../errors/abort-error.js';
import { RetouchError } from '../errors/retouch-error.js';
import { type BatchApiState, batchApiOf, finalBatchApiStatuses } from './batch-api-contract.js';
import type { BatchApiPart } from './batch-api-journal.js';
import { batchApiPricing } from './batch-api-pricing.js';
import type { BatchApiEditRequest, BatchApiEvent, BatchApiSummary } from './batch-api-types.js';
import { deliverBatchApiResults } from './deliver-batch-api-results.js';
import { followBatchApi } from './follow-batch-api.js';
import { submitBatchApiParts } from './submit-batch-api-parts.js';

const now = () => new Date().toISOString();

/**
 * Edits each item through the provider's batch API at the batch price: lines built and checked
 * as live edits would be, split over batches within the limits, each step journaled before the
 * next, then followed until the batches end and every result delivered with its record. Running
 * it again with the same journal follows the same batches (also after a crash, days later)
 * instead of submitting anew; once they are delivered, a new run submits what is left (failed
 * items). With `cancel`, the job's batches are cancelled on the server and what they finished is
 * delivered. Where the provider or model has no batch API it refuses before anything is sent.
 */
export async function runBatchApiEdit(request: BatchApiEditRequest): Promise<BatchApiSummary> {
  assertProvider(request.provider);
  const { provider, journal } = request;
  const api = batchApiOf(provider);
  const factor = api?.priceFactor(request.model);
  if (!api || factor === undefined) {
    const models = api?.models ?? [];
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: api
        ? `${request.model} takes no batch edits. Models with a batch API: ${models.join(', ')}. Pick another model, or edit without the Batch API.`
        : `${provider.id} has no batch API. Edit without the Batch API, or use the openai-compatible provider with one of its batch models.`,
      issues: [{ field: 'batch', message: 'no batch API for this model' }],
    });
  }
  const signal = request.signal ?? new AbortController().signal;
  const pricing = batchApiPricing(request.pricing, factor);
  const outcomes = new Map<string, ItemOutcome>();
  const counts: BatchCounts = {
    total: request.items.length,
    done: 0,
    running: 0,
    failed: 0,
    skipped: 0,
    left: request.items.length,
  };
  const latest = new Map<number, BatchApiState>();
  const emit = (event: BatchApiEvent) => {
    try {
      request.onEvent?.(event);
    } catch {
      // A failing listener must not strand a paid result.
    }
  };
  const onOutcome = (outcome: ItemOutcome) => {
    const before = outcomes.get(outcome.key);
    if (before) return;
    outcomes.set(outcome.key, outcome);
    counts.left = Math.max(0, counts.left - 1);
    if (outcome.status === 'done' || outcome.status === 'done-before') counts.done += 1;
    else if (outcome.status === 'failed') counts.failed += 1;
    else counts.skipped += 1;
    emit({ type: 'item-finished', outcome, counts: { ...counts } });
  };
  const itemsByKey = new Map(request.items.map((item) => [item.key, item]));
  const itemFor = async (key: string, contentHash: string | null): Promise<EachItem> => {
    // The hash it was submitted with comes along, so `prepare` need not read the input again.
    const known = {
      ...(itemsByKey.get(key) ?? { key, images: [] }),
      ...(contentHash ? { contentHash } : {}),
    };
    const prepared = request.prepare ? await request.prepare(known).catch(() => known) : known;
    return { ...prepared, ...(contentHash ? { contentHash } : {}) };
  };

  let open = journal.parts().filter((part) => !part.delivered);
  if (request.cancel && open.length === 0) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: 'No batch of this job is running, so there is nothing to cancel.',
      issues: [{ field: 'cancel-batch', message: 'no running batch' }],
    });
  }
  if (open.length === 0) {
    const pending: EachItem[] = [];
    for (const item of request.items) {
      const before = journal.item(item.key);
      if (before?.state === 'done') {
        onOutcome({
          key: item.key,
          status: 'done-before',
          outputs: before.outputs,
          ...(before.cost ? { cost: before.cost } : {}),
        });
      } else pending.push(item);
    }
    open = await submitBatchApiParts(
      request,
      api,
      pending,
      { firstPart: journal.parts().length, signal, factor },
      onOutcome,
      (part) =>
        emit({
          type: 'batch-submitted',
          part: part.index,
          batchId: part.batchId!,
          requests: part.keys.length,
        }),
    );
  }

  await Promise.all(
    open.map(async (part) => {
      const batchId = await ensureBatch(part);
      if (request.cancel) {
        const state = await api.cancel(batchId, signal).catch((error: unknown) => {
          if (error instanceof RetouchError && error.status === 409) return undefined;
          throw error;
        });
        if (state) latest.set(part.index, state);
      }
      const final = await followBatchApi(api, batchId, {
        signal,
        firstMs: request.poll?.firstMs ?? 2000,
        maxMs: request.poll?.maxMs ?? 60_000,
        onState: async (state) => {
          latest.set(part.index, state);
          emit({
            type: 'batch-status',
            part: part.index,
            batchId,
            status: state.status,
            counts: state.counts,
          });
          if (state.status !== part.status) {
            part.status = state.status;
            part.updatedAt = now();
            await journal.savePart(part);
          }
        },
      });
      if (!final || !finalBatchApiStatuses.has(final.status)) return;
      const { complete } = await deliverBatchApiResults(request, api, part, final, {
        signal,
        pricing,
        itemFor,
        onOutcome,
      });
      if (complete) {
        part.delivered = true;
        part.updatedAt = now();
        await journal.savePart(part);
      }
    }),
  );

  for (const part of open) {
    for (const key of part.keys) {
      if (!outcomes.has(key)) {
        onOutcome({
          key,
          status: 'not-started',
          reason: 'still running in a batch on the server: run the same command again to follow it',
        });
      }
    }
  }
  for (const item of request.items) {
    if (outcomes.has(item.key)) continue;
    const before = journal.item(item.key);
    if (before?.state === 'done')
      onOutcome({ key: item.key, status: 'done-before', outputs: before.outputs });
    else
      onOutcome({
        key: item.key,
        status: 'not-started',
        reason: 'not in the batch being followed: run the same command again once it is delivered',
      });
  }
  // In the order the items were given (the front ends pair them with their inputs), then any
  // the journal's batches hold that this run was not given.
  const given = new Set(request.items.map((item) => item.key));
  const items = [
    ...request.items.map((item) => outcomes.get(item.key)!),
    ...[...outcomes.values()].filter((outcome) => !given.has(outcome.key)),
  ];
  return {
    items,
    counts: { ...counts },
    cost: totalCost(
      items
        .map((outcome) => (outcome.status === 'done' ? outcome.cost : undefined))
        .filter((cost) => cost !== undefined),
    ),
    estimate: estimateEditCost({
      model: request.model,
      pricing,
      n: request.n,
      size: request.size,
      quality: request.quality,
    }),
    ...(signal.aborted
      ? {
          stopped: {
            reason: 'cancelled' as const,
            error: errorFromAbortSignal(signal, provider.id),
          },
        }
      : {}),
    batches: open.map((part) => {
      const state = latest.get(part.index);
      return {
        id: part.batchId ?? '',
        status: state?.status ?? part.status ?? 'validating',
        counts: state?.counts ?? { total: part.keys.length, completed: 0, failed: 0 },
      };
    }),
    priceFactor: factor,
  };

  /** The part's batch: recorded, found on the server (a crash came between), or created now. */
  async function ensureBatch(part: BatchApiPart): Promise<string> {
    if (part.batchId) return part.batchId;
    const state =
      (await api!.find(part.inputFileId, signal)) ??
      (await api!.create(
        part.inputFileId,
        { ...request.metadata, retouch_part: String(part.index) },
        signal,
      ));
    part.batchId = state.id;
    part.status = state.status;
    part.updatedAt = now();
    await journal.savePart(part);
    emit({
      type: 'batch-submitted',
      part: part.index,
      batchId: state.id,
      requests: part.keys.length,
    });
    return state.id;
  }
}
