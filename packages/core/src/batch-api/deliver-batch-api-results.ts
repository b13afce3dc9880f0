import type { EachItem, ItemOutcome, JournalEntry } from '../batch/batch-types.js';
import { costOfEdit } from '../cost/cost-of-edit.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';
import { assembleBatchResult } from './assemble-batch-result.js';
import type { BatchApiState, BatchApiSteps } from './batch-api-contract.js';
import type { BatchApiPart } from './batch-api-journal.js';
import type { BatchApiEditRequest } from './batch-api-types.js';

const now = () => new Date().toISOString();

/**
 * Reads a finished batch's output and error files line by line (streamed: one result in memory at
 * a time), writes each result through `deliver` with its cost at the batch price and records it,
 * and records each failure with its error. Lines delivered by an earlier run (the journal has
 * them, or `findDelivered` finds them written) are not written again, so a crash mid-way never
 * writes a result twice. Items with no line at all (a batch that failed as a whole) fail with the
 * batch's reason.
 */
export async function deliverBatchApiResults(
  request: BatchApiEditRequest,
  api: BatchApiSteps,
  part: BatchApiPart,
  state: BatchApiState,
  context: {
    signal: AbortSignal;
    pricing: ModelPricing | undefined;
    itemFor: (key: string, contentHash: string | null) => Promise<EachItem>;
    onOutcome: (outcome: ItemOutcome) => void;
  },
): Promise<{ complete: boolean }> {
  const { provider } = request;
  let complete = true;
  // Entries are written while the next results are delivered (the journal coalesces them); the
  // batch counts as delivered only once every one is on disk. A write that fails is held until
  // the end: left pending unhandled while the loop goes on (or after it stops early), its
  // rejection would end the whole process.
  const entries: Promise<void>[] = [];
  let journalError: unknown;
  const record = (key: string, entry: JournalEntry) => {
    entries.push(
      request.journal.recordItem(key, entry).catch((error: unknown) => {
        journalError ??= error;
      }),
    );
  };
  const lineOf = new Map(part.customIds.map((customId, line) => [customId, line]));
  const seen = new Set<number>();
  const fileIds = [state.outputFileId, state.errorFileId].filter((id): id is string => !!id);
  for (const fileId of fileIds) {
    for await (const line of api.results(fileId, context.signal)) {
      const index = lineOf.get(line.customId);
      if (index === undefined || seen.has(index)) continue;
      seen.add(index);
      const key = part.keys[index]!;
      const contentHash = part.contentHashes[index] ?? null;
      const before = request.journal.item(key);
      if (before?.state === 'done') {
        context.onOutcome({
          key,
          status: 'done-before',
          outputs: before.outputs,
          ...(before.cost ? { cost: before.cost } : {}),
        });
        continue;
      }
      const startedAt = performance.now();
      if (!line.ok) {
        await fail(key, contentHash, line.error, startedAt);
        continue;
      }
      let result: ReturnType<typeof assembleBatchResult>;
      try {
        result = assembleBatchResult(
          provider.id,
          request.model,
          line.result,
          provider.secrets ?? [],
        );
      } catch (error) {
        await fail(key, contentHash, asError(error, provider.id), startedAt);
        continue;
      }
      try {
        const cost = costOfEdit({
          pricing: context.pricing,
          result,
          size: request.size,
          quality: request.quality,
        });
        const item = await context.itemFor(key, contentHash);
        const found = await foundBefore(item);
        if (found) {
          // Written by a run killed before its journal said so: journal it, write nothing again.
          record(key, {
            state: 'done',
            ...(contentHash ? { contentHash } : {}),
            outputs: found,
            requestIds: result.requestId ? [result.requestId] : [],
            cost,
            updatedAt: now(),
          });
          context.onOutcome({ key, status: 'done-before', outputs: found, cost });
          continue;
        }
        const delivered = await request.deliver(item, result, cost);
        record(key, {
          state: 'done',
          ...(contentHash ? { contentHash } : {}),
          outputs: delivered.outputs,
          requestIds: result.requestId ? [result.requestId] : [],
          cost,
          updatedAt: now(),
        });
        context.onOutcome({
          key,
          status: 'done',
          outputs: delivered.outputs,
          requestIds: result.requestId ? [result.requestId] : [],
          cost,
          resumed: false,
          warnings: result.warnings,
          ...(delivered.problem ? { problem: delivered.problem } : {}),
          elapsedMs: performance.now() - startedAt,
        });
      } catch (error) {
        if (context.signal.aborted) throw error;
        // Paid for but not written: not journaled as failed (that would send it again), and the
        // batch stays undelivered, so the next run reads its output file again.
        complete = false;
        context.onOutcome({
          key,
          status: 'failed',
          error: asError(error, provider.id),
          elapsedMs: performance.now() - startedAt,
        });
      }
    }
  }
  const reason =
    state.status === 'failed'
      ? `the batch was refused: ${(state.errors ?? ['no reason given']).join('; ')}`
      : `the batch ended (${state.status}) without a result for it`;
  for (const [index, key] of part.keys.entries()) {
    if (seen.has(index)) continue;
    const before = request.journal.item(key);
    if (before?.state === 'done') {
      context.onOutcome({ key, status: 'done-before', outputs: before.outputs });
      continue;
    }
    await fail(
      key,
      part.contentHashes[index] ?? null,
      new RetouchError({
        code: state.status === 'failed' ? 'invalid_request' : 'server',
        provider: provider.id,
        message: reason,
      }),
      performance.now(),
    );
  }
  await Promise.all(entries);
  if (journalError !== undefined) throw journalError;
  return { complete };

  async function foundBefore(item: EachItem): Promise<string[] | undefined> {
    if (!request.findDelivered) return undefined;
    const found = await request.findDelivered(item).catch(() => []);
    return found.length > 0 ? [...found] : undefined;
  }

  async function fail(
    key: string,
    contentHash: string | null,
    error: RetouchError,
    startedAt: number,
  ) {
    record(key, {
      state: 'failed',
      ...(contentHash ? { contentHash } : {}),
      error: { code: error.code, message: error.message.slice(0, 8000) },
      updatedAt: now(),
    });
    context.onOutcome({ key, status: 'failed', error, elapsedMs: performance.now() - startedAt });
  }
}

function asError(error: unknown, provider: string): RetouchError {
  if (isRetouchError(error)) return error;
  return new RetouchError({
    code: 'invalid_response',
    provider,
    message: String((error as Error)?.message ?? error),
  });
}
