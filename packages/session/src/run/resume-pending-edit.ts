import {
  type EditRunOptions,
  type ImageEditProvider,
  isRetouchError,
  type JobHandle,
  type ModelPricing,
  type ResumeEditRequest,
  resumeEdit,
} from '@retouch/core';
import { costOfEdit } from '@retouch/core/cost';
import type { RecordedInput } from '@retouch/output';
import type { CandidatesSink } from '../deliver/candidates-sink.js';
import { deliverEdit } from '../deliver/deliver-edit.js';
import type { MarkupInput } from '../deliver/delivered-edit.js';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import type { EditOptions } from '../plan/edit-request.js';
import { type EditOutcome, editOutcomeOf } from './perform-edit.js';

/** A long job an earlier run started and did not see end: what a host keeps to resume it. */
export interface PendingEdit<Location> {
  handle: JobHandle;
  /** The edit it belongs to; its results' records carry `<editId>-<job id>`. */
  editId: string;
  prompt: string;
  options: EditOptions;
  sources: readonly RecordedInput<Location>[];
  mask?: RecordedInput<Location>;
  markup?: MarkupInput<Location>;
  /** Where its results go. */
  folder: Location;
  /** Its results become candidates here instead (an edit sent in Studio mode). */
  candidates?: CandidatesSink<Location>;
  endpoint?: string;
  pricing?: ModelPricing;
}

/** How a host follows and stops a resumed job (the engine's run options). */
export type ResumeControls = Pick<
  EditRunOptions,
  'signal' | 'onProgress' | 'timeoutMs' | 'totalTimeoutMs' | 'maxJobRetries'
>;

/**
 * Follows a job an earlier run started until it ends, and delivers its results like any edit's.
 * It may already be paid for, so its result must not be lost. A failure that says nothing about
 * the job (see `keepPendingEdit`) leaves it for a later try.
 */
export async function resumePendingEdit<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  provider: ImageEditProvider,
  pending: PendingEdit<Location>,
  controls: ResumeControls = {},
): Promise<EditOutcome<Location>> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const startedAt = resolved.now();
  const source = pending.handle.framing ? await sourceOf(resolved, pending) : undefined;
  const result = await resumeEdit({
    ...controls,
    provider,
    handle: pending.handle,
    ...(source ? { source } : {}),
  });
  const cost = costOfEdit({
    pricing: pending.pricing,
    result,
    size: pending.options.size,
    quality: pending.options.quality,
  });
  const editId = `${pending.editId}-${pending.handle.id}`;
  const delivered = await deliverEdit(resolved, {
    folder: pending.folder,
    result,
    editId,
    prompt: pending.prompt,
    options: pending.options,
    sources: pending.sources,
    ...(pending.mask ? { mask: pending.mask } : {}),
    ...(pending.markup ? { markup: pending.markup } : {}),
    cost,
    ...(pending.endpoint ? { endpoint: pending.endpoint } : {}),
    ...(pending.candidates ? { candidates: pending.candidates } : {}),
  });
  return editOutcomeOf(editId, result, delivered, cost, resolved.now() - startedAt);
}

/**
 * The picture and mask a reframed job was sent from, to put its answer back; undefined when
 * they are gone (the engine then keeps the answer as the model sent it, and says so).
 */
async function sourceOf<Location>(
  resolved: ResolvedHost<Location>,
  pending: PendingEdit<Location>,
): Promise<ResumeEditRequest['source'] | undefined> {
  const first = pending.sources[0];
  if (!first) return undefined;
  try {
    const image = await resolved.imageInput(first.location);
    if (!pending.mask) return { image };
    return { image, mask: await resolved.imageInput(pending.mask.location) };
  } catch {
    return undefined;
  }
}

/**
 * Whether a pending job should be kept after `error`: a network, timeout or server failure says
 * nothing about the job, which may be fine, so it is tried again later.
 */
export function keepPendingEdit(error: unknown): boolean {
  return isRetouchError(error) && ['network', 'timeout', 'server'].includes(error.code);
}
