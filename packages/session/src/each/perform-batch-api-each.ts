import type { EditCost } from '@retouch/core';
import { type BatchApiEvent, type BatchApiSummary, runBatchApiEdit } from '@retouch/core/batch-api';
import { batchId, type DeliveredImage, folderNames, openBatchApiJournal } from '@retouch/output';
import type { DeliveredEdit } from '../deliver/delivered-edit.js';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import { batchPriceFactor } from '../plan/batch-price.js';
import type { EditPlan } from '../plan/edit-request.js';
import { batchIdentity, journalFolderOf } from './batch-identity.js';
import { openEachJob } from './each-job.js';
import type { EachItemReport } from './perform-each.js';

export interface BatchApiEachControls {
  /** Stops following (the batches go on on the server; the same batch run again follows them). */
  signal?: AbortSignal;
  onEvent?: (event: BatchApiEvent) => void;
  /** Cancel the job's batches on the server, then deliver what they finished. */
  cancel?: boolean;
  /** Polling of the batch's status (tests shorten it). */
  poll?: { firstMs?: number; maxMs?: number };
  /** Attached to each batch on the server (e.g. what made it). */
  metadata?: Record<string, string>;
  /** Delete the journal once every result is written and no batch is left to follow. */
  discardWhenDone?: boolean;
}

/**
 * What a batch-API job's outcome keeps of each delivered edit: where its results went and what
 * they cost. Not their records, sources or notes: a job delivers thousands of results in one run,
 * and keeping every delivered edit until the end made its memory grow with the job.
 */
export interface DeliveredOutputs<Location> {
  delivery: {
    outputs: Array<
      Pick<
        DeliveredImage<Location>,
        'location' | 'name' | 'folder' | 'rescued' | 'mediaType' | 'width' | 'height' | 'bytes'
      >
    >;
  };
  cost?: EditCost;
}

/** One input of a batch-API job and what became of it (see `EachItemReport`). */
export interface BatchApiEachItemReport<Location>
  extends Omit<EachItemReport<Location>, 'delivered'> {
  /** Where its results went, when it was delivered in this run. */
  delivered?: DeliveredOutputs<Location>;
}

export interface BatchApiEachOutcome<Location> {
  provider: string;
  model: string;
  summary: BatchApiSummary;
  items: BatchApiEachItemReport<Location>[];
  /** The batch-API journal, which names the batches on the server. */
  journal: Location;
  notes: string[];
  elapsedMs: number;
}

/**
 * A planned batch (`each: true`) on the provider's Batch API, at the batch price, within 24 h:
 * the same job as `performEach`, through core's `runBatchApiEdit`, with a batch-API journal
 * beside the outputs so the same batch run again (after a crash, a reload, days later) follows
 * the same batches on the server instead of sending them again. Results are delivered as
 * `performEach` delivers them. Refused before anything is sent when the model has no batch API.
 */
export async function performBatchApiEach<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  plan: EditPlan<Location>,
  controls: BatchApiEachControls = {},
): Promise<BatchApiEachOutcome<Location>> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const { fs } = resolved;
  const startedAt = resolved.now();
  batchPriceFactor(plan.provider, plan.model);
  const journalFolder = journalFolderOf(fs, plan.images, plan.folders);
  const maskSha256 =
    plan.mask === undefined ? undefined : await resolved.sha256(plan.mask).catch(() => '');
  const identity = batchIdentity(plan, maskSha256);
  const journal = await openBatchApiJournal(fs, journalFolder, { batch: identity });
  const notes = [...journal.notes];
  for (const note of journal.notes) resolved.log.warn(note);
  // The job's name from run to run, recorded in each result so that a run killed while
  // delivering, after writing a result and before its journal said so, finds it written.
  const batch = batchId(identity);
  // Each output folder is listed once for the whole delivery, not twice per result.
  const job = await openEachJob(resolved, plan, {
    journalFolder,
    batch,
    maskSha256,
    names: folderNames(fs),
    previous: (key) => journal.item(key),
  });
  if (job.leftOutNote) notes.push(job.leftOutNote);
  const { items, mask } = job;
  const delivered = new Map<string, DeliveredOutputs<Location>>();
  // The journal writes entries in bursts (a few times a second): whatever is pending goes to
  // disk before this returns or throws, so a stopped run never delivers a result twice later.
  const summary = await runBatchApiEdit({
    provider: plan.provider,
    model: plan.model,
    prompt: plan.prompt,
    ...(mask === undefined ? {} : { mask }),
    ...plan.options,
    items,
    pricing: plan.pricing,
    maxCost: plan.maxCost,
    journal,
    cancel: controls.cancel,
    signal: controls.signal,
    onEvent: controls.onEvent,
    ...(controls.poll ? { poll: controls.poll } : {}),
    metadata: { made_by: 'retouch', ...controls.metadata },
    prepare: job.prepare,
    findDelivered: job.findDelivered,
    deliver: (item, result, cost) =>
      job.deliver(item, result, cost, (edit) => {
        delivered.set(item.key, deliveredOutputs(edit));
        notes.push(...edit.delivery.notes);
      }),
  }).finally(() => journal.flush());
  const open = journal.parts().some((part) => !part.delivered);
  if (controls.discardWhenDone && !open && summary.counts.done === summary.counts.total) {
    await journal.discard().catch(() => undefined);
  }
  return {
    provider: plan.provider.id,
    model: plan.model,
    summary,
    items: items.map((item, index) => {
      const report: BatchApiEachItemReport<Location> = {
        input: job.inputOf(item.key),
        outcome: summary.items[index]!,
      };
      const edit = delivered.get(item.key);
      return edit ? { ...report, delivered: edit } : report;
    }),
    journal: journal.location,
    notes,
    elapsedMs: resolved.now() - startedAt,
  };
}

function deliveredOutputs<Location>(edit: DeliveredEdit<Location>): DeliveredOutputs<Location> {
  return {
    delivery: {
      outputs: edit.delivery.outputs.map(
        ({ location, name, folder, rescued, mediaType, width, height, bytes }) => ({
          location,
          name,
          folder,
          rescued,
          mediaType,
          width,
          height,
          bytes,
        }),
      ),
    },
    ...(edit.cost ? { cost: edit.cost } : {}),
  };
}
