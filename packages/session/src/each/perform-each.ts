import { type BatchEvent, type BatchSummary, editEach } from '@retouch/core';
import type { DeliveredEdit } from '../deliver/delivered-edit.js';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import type { EditPlan } from '../plan/edit-request.js';
import { batchIdentity, journalFolderOf, openJournal } from './batch-identity.js';
import { openEachJob } from './each-job.js';

export interface EachControls {
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /** Edits at once (default: the engine's). */
  concurrency?: number;
  /** Ignore the journal: edit every input again. */
  fresh?: boolean;
  /**
   * Delete the journal once every input is done. Off by default: the same batch run again then
   * finds everything done and pays for nothing.
   */
  discardWhenDone?: boolean;
}

/** One input of a batch and what became of it, in the order of the plan's images. */
export interface EachItemReport<Location> {
  input: Location;
  outcome: BatchSummary['items'][number];
  /** Its delivered edit, when it ran in this run and something was written. */
  delivered?: DeliveredEdit<Location>;
}

export interface EachOutcome<Location> {
  provider: string;
  model: string;
  summary: BatchSummary;
  items: EachItemReport<Location>[];
  /** The journal, kept until every input is done (then deleted). */
  journal: Location;
  /** What the user may want to know (an unreadable journal, results saved elsewhere). */
  notes: string[];
  elapsedMs: number;
}

/**
 * Runs a planned batch: every image edited on its own with the same prompt, mask and options
 * through core's `editEach` (a few at once, one rate-limit gate, the budget), each result
 * delivered to its folder as it arrives, and a journal beside the outputs, so the same batch
 * run again skips what is done, follows jobs still running and retries what failed.
 */
export async function performEach<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  plan: EditPlan<Location>,
  controls: EachControls = {},
): Promise<EachOutcome<Location>> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const { fs } = resolved;
  const startedAt = resolved.now();
  const journalFolder = journalFolderOf(fs, plan.images, plan.folders);
  const maskSha256 =
    plan.mask === undefined ? undefined : await resolved.sha256(plan.mask).catch(() => '');
  const journal = await openJournal(fs, journalFolder, batchIdentity(plan, maskSha256));
  // The batch's name from run to run: its journal's name (see openJournal for older journals).
  const batch = fs.baseName(journal.location).replace(/^\.retouch-batch-|\.json$/g, '');
  const notes = [...journal.notes];
  for (const note of journal.notes) resolved.log.warn(note);
  const job = await openEachJob(resolved, plan, {
    journalFolder,
    batch,
    maskSha256,
    previous: (key) => journal.previous(key),
  });
  if (job.leftOutNote) notes.push(job.leftOutNote);
  const { items, mask } = job;
  const delivered = new Map<string, DeliveredEdit<Location>>();
  const summary = await editEach({
    provider: plan.provider,
    model: plan.model,
    prompt: plan.prompt,
    ...(mask === undefined ? {} : { mask }),
    ...plan.options,
    items,
    prepare: job.prepare,
    ...(controls.concurrency === undefined ? {} : { concurrency: controls.concurrency }),
    pricing: plan.pricing,
    maxCost: plan.maxCost,
    fresh: controls.fresh,
    journal,
    // Stable idempotency keys per item, so an item sent again after a crash is not billed twice;
    // fresh edits everything again on purpose: new keys, so a deduping server does it again.
    batchId: controls.fresh ? `${batch}-${resolved.newId()}` : batch,
    findDelivered: job.findDelivered,
    timeoutMs: plan.timeoutMs,
    totalTimeoutMs: plan.timeoutMs,
    ...(plan.keepInput ? { keepInput: true } : {}),
    ...(plan.region ? { region: plan.region } : {}),
    signal: controls.signal,
    onEvent(event) {
      if (event.type === 'journal-failed') resolved.log.warn(event.message);
      if (event.type === 'rate-limited') {
        resolved.log.warn(
          `Rate limited: every edit waits ${event.waitMs} ms, ${event.concurrency} at a time.`,
        );
      }
      controls.onEvent?.(event);
    },
    deliver: (item, result, cost) =>
      job.deliver(item, result, cost, (edit) => {
        delivered.set(item.key, edit);
        notes.push(...edit.delivery.notes);
      }),
  });
  if (controls.discardWhenDone && summary.counts.done === summary.counts.total) {
    await journal.discard().catch(() => undefined);
  }
  return {
    provider: plan.provider.id,
    model: plan.model,
    summary,
    items: items.map((item, index) => {
      const report: EachItemReport<Location> = {
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
