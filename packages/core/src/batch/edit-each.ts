import type { EditImageResult } from '../contract/edit-request.js';
import type { JobHandle } from '../contract/job-handle.js';
import type { EditProgressEvent } from '../contract/progress.js';
import { costOfEdit } from '../cost/cost-of-edit.js';
import type { EditCost } from '../cost/edit-cost.js';
import { totalCost } from '../cost/edit-cost.js';
import { estimateEditCost } from '../cost/estimate-cost.js';
import { assertProvider } from '../engine/assert-provider.js';
import { editImage } from '../engine/edit-image.js';
import { resumeEdit } from '../engine/resume-edit.js';
import { errorFromAbortSignal } from '../errors/abort-error.js';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';
import { BatchBudget } from './batch-budget.js';
import { BatchProgress } from './batch-progress.js';
import type {
  BatchSummary,
  EachItem,
  EditEachRequest,
  ItemOutcome,
  JournalEntry,
} from './batch-types.js';
import { deliveredBefore, itemIdempotencyKey } from './delivered-before.js';
import { gatedProvider } from './gated-provider.js';
import { PrepareAhead } from './prepare-ahead.js';
import { RateGate } from './rate-gate.js';
import { SafeJournal } from './safe-journal.js';

export const defaultEachConcurrency = 4;

/** Errors after which no other item can succeed either: starting more would only fail (or bill). */
const stopsTheBatch = new Set(['authentication', 'permission']);

/**
 * Edits each item on its own, with the same prompt, mask and options: a few at a time, behind one
 * rate-limit gate for the whole batch, within a budget, keeping a journal so a later run skips
 * what is done and follows jobs still running instead of submitting them again. One item's
 * failure does not stop the others (unless no other could succeed: a rejected key). Each result
 * is handed to `deliver` as soon as it arrives, so memory stays flat however long the batch.
 */
export async function editEach(request: EditEachRequest): Promise<BatchSummary> {
  assertProvider(request.provider);
  const { items } = request;
  const concurrency = Math.max(
    1,
    Math.min(64, Math.floor(request.concurrency ?? defaultEachConcurrency)),
  );
  const progress = new BatchProgress(items.length, request.onEvent);
  const gate = new RateGate(concurrency, (waitMs, limit) =>
    progress.emit({ type: 'rate-limited', waitMs, concurrency: limit }),
  );
  const provider = gatedProvider(request.provider, gate);
  const journal = new SafeJournal(request.journal, request.fresh === true, (message) =>
    progress.emit({ type: 'journal-failed', message }),
  );
  const estimate = estimateEditCost({
    model: request.model,
    pricing: request.pricing,
    n: request.n,
    size: request.size,
    quality: request.quality,
  });
  const budget =
    request.maxCost === undefined
      ? undefined
      : new BatchBudget(request.maxCost, request.pricing?.currency);
  const outcomes = new Array<ItemOutcome>(items.length);
  let stopped: BatchSummary['stopped'];
  const stopReason = () => {
    if (request.signal?.aborted && !stopped) {
      stopped = { reason: 'cancelled', error: errorFromAbortSignal(request.signal, provider.id) };
    }
    return stopped;
  };

  // Results being written, at most `concurrency`: the next edit goes out while a result is
  // written and journaled (disk and network overlap), and an edit that finishes while every slot
  // is taken waits with its result, so at most 2 × `concurrency` results are held at once however
  // long the batch.
  const writing = new Slots(concurrency);

  const ready = new PrepareAhead(items, request.prepare?.bind(request), concurrency * 2);
  const notStarted = (key: string, stop: NonNullable<BatchSummary['stopped']>) => ({
    rest: Promise.resolve<ItemOutcome>({ key, status: 'not-started', reason: stop.error.message }),
  });

  /**
   * An item's edit. Resolves once the edit is over; what is left (writing the result, making its
   * journal entry durable) goes on in `rest` without holding up the next edit.
   */
  const runItem = async (index: number): Promise<{ rest: Promise<ItemOutcome> }> => {
    const now = (outcome: ItemOutcome) => ({ rest: Promise.resolve(outcome) });
    const before = stopReason();
    if (before) return notStarted(items[index]!.key, before);
    const { item, error } = await ready.take(index);
    const stop = stopReason();
    if (stop) return notStarted(item.key, stop);
    if (error !== undefined) {
      progress.started(item.key, false);
      return now({
        key: item.key,
        status: 'failed',
        error: unprepared(item, error, provider.id),
        elapsedMs: 0,
      });
    }
    const previous = journal.previous(item);
    if (previous?.state === 'done') {
      return now({
        key: item.key,
        status: 'done-before',
        outputs: previous.outputs,
        ...(previous.cost ? { cost: previous.cost } : {}),
      });
    }
    const found = await deliveredBefore(request, item);
    if (found) {
      // Written by a run that crashed before journaling it: journal it now, edit nothing.
      await journal.record(item, {
        state: 'done',
        outputs: found,
        requestIds: [],
        updatedAt: timestamp(),
      });
      return now({ key: item.key, status: 'done-before', outputs: found });
    }
    const handle = resumable(previous, provider.id, Boolean(provider.jobs));
    let reserved = 0;
    if (!handle && budget) {
      const admission = await budget.admit(estimate, request.signal);
      if (!admission.admitted)
        return now({ key: item.key, status: 'over-budget', reason: admission.reason });
      reserved = admission.reserved;
    }
    const started = performance.now();
    progress.started(item.key, Boolean(handle));
    let runningJob: JobHandle | undefined;
    /** Journals the failure (durably, before the item counts as failed). */
    const failed = async (caught: unknown): Promise<ItemOutcome> => {
      const error = asRetouchError(caught, provider.id);
      if (stopsTheBatch.has(error.code) && !stopped) stopped = { reason: 'error', error };
      const mayFinish = stillRunning(error, runningJob ?? handle);
      await journal.record(item, {
        state: 'failed',
        error: { code: error.code, message: error.message },
        ...(mayFinish ? { handle: mayFinish } : {}),
        updatedAt: timestamp(),
      });
      return { key: item.key, status: 'failed', error, elapsedMs: performance.now() - started };
    };
    let result: EditImageResult;
    let cost: EditCost;
    try {
      const onProgress = (event: EditProgressEvent) => {
        if (event.type === 'job-started') {
          runningJob = event.handle;
          journal.track(item, { state: 'running', handle: event.handle, updatedAt: timestamp() });
        }
        progress.emit({ type: 'item-progress', key: item.key, event });
      };
      result = await runOne(request, provider, item, handle, onProgress);
      cost = costOfEdit({
        pricing: request.pricing,
        result,
        size: request.size,
        quality: request.quality,
      });
      budget?.settle(reserved, cost, false);
    } catch (caught) {
      budget?.settle(reserved, undefined, reserved > 0 && runningJob !== undefined);
      return { rest: failed(caught) };
    }
    await writing.acquire();
    const deliver = async (): Promise<ItemOutcome> => {
      try {
        const delivered = await request.deliver(item, result, cost);
        const requestIds = result.calls.flatMap((call) => (call.requestId ? [call.requestId] : []));
        // Durable before the item counts as done: a crash after this never edits it again.
        await journal.record(item, {
          state: 'done',
          outputs: delivered.outputs,
          requestIds,
          cost,
          updatedAt: timestamp(),
        });
        return {
          key: item.key,
          status: 'done',
          outputs: delivered.outputs,
          requestIds,
          cost,
          resumed: Boolean(handle),
          warnings: result.warnings,
          ...(delivered.problem ? { problem: delivered.problem } : {}),
          elapsedMs: performance.now() - started,
        };
      } catch (caught) {
        return failed(caught);
      } finally {
        writing.release();
      }
    };
    return { rest: deliver() };
  };

  let next = 0;
  const finishing = new Set<Promise<void>>();
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const { rest } = await runItem(index);
      const settled = rest.then((outcome) => {
        outcomes[index] = outcome;
        progress.finished(outcome);
        finishing.delete(settled);
      });
      finishing.add(settled);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  while (finishing.size > 0) await Promise.all(finishing);
  await journal.flush();
  const summary: BatchSummary = {
    items: outcomes,
    counts: progress.counts(),
    cost: totalCost(
      outcomes.flatMap((outcome) => (outcome.status === 'done' ? [outcome.cost] : [])),
    ),
    estimate,
  };
  const stop = stopReason();
  if (stop) summary.stopped = stop;
  return summary;
}

function runOne(
  request: EditEachRequest,
  provider: EditEachRequest['provider'],
  item: EachItem,
  handle: JobHandle | undefined,
  onProgress: (event: EditProgressEvent) => void,
): Promise<EditImageResult> {
  const run = {
    signal: request.signal,
    timeoutMs: request.timeoutMs,
    totalTimeoutMs: request.totalTimeoutMs,
    maxRetries: request.maxRetries,
    onProgress,
  };
  if (handle) {
    // A job sent reframed needs its picture and mask again to put its answer back.
    const image = Array.isArray(item.images) ? item.images[0] : item.images;
    const source =
      image === undefined
        ? undefined
        : { image, ...(request.mask === undefined ? {} : { mask: request.mask }) };
    return resumeEdit({ provider, handle, ...run, ...(source ? { source } : {}) });
  }
  const idempotencyKey =
    request.batchId === undefined ? undefined : itemIdempotencyKey(request.batchId, item);
  const {
    items: _items,
    prepare: _prepare,
    deliver: _deliver,
    onEvent: _onEvent,
    journal: _journal,
    pricing: _pricing,
    maxCost: _maxCost,
    fresh: _fresh,
    concurrency: _concurrency,
    batchId: _batchId,
    findDelivered: _findDelivered,
    ...edit
  } = request;
  return editImage({
    ...edit,
    ...item.options,
    ...run,
    provider,
    images: item.images,
    concurrency: 1,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

/** A job an earlier run left running (or that may still finish), for this provider. */
function resumable(
  entry: JournalEntry | undefined,
  provider: string,
  hasJobs: boolean,
): JobHandle | undefined {
  if (!hasJobs || !entry || entry.state === 'done') return undefined;
  return entry.handle?.provider === provider ? entry.handle : undefined;
}

/**
 * The job to follow next time, when this error leaves it running on the server: the engine says
 * what each cancel did (`cancellations`); a job it confirmed cancelled, or one it never reported
 * on, is not followed.
 */
function stillRunning(error: RetouchError, job: JobHandle | undefined): JobHandle | undefined {
  if (!job) return undefined;
  const left = error.cancellations.find(
    (entry) => entry.handle?.id === job.id && entry.outcome !== 'cancelled',
  );
  return left?.handle;
}

function unprepared(item: EachItem, error: unknown, provider: string): RetouchError {
  if (isRetouchError(error)) return error;
  return new RetouchError({
    code: 'invalid_request',
    provider,
    message: `${item.key} could not be prepared: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}

function asRetouchError(error: unknown, provider: string): RetouchError {
  if (isRetouchError(error)) return error;
  return new RetouchError({
    code: 'output',
    provider,
    message: `The result could not be handled: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });
}

const timestamp = () => new Date().toISOString();

/** A counted limit: `acquire` waits while all are taken. */
class Slots {
  private readonly waiters: Array<() => void> = [];
  constructor(private free: number) {}

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free += 1;
  }
}
