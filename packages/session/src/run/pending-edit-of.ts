import type { JobHandle } from '@retouch/core';
import { frameMarkupPrompt } from '../markup/frame-markup-prompt.js';
import { markupDeliveryFor } from '../markup/markup-edit-inputs.js';
import type { EditPlan } from '../plan/edit-request.js';
import type { PendingEdit } from './resume-pending-edit.js';

/** The content hashes of a plan's inputs, as the host read them. */
export interface PlanInputHashes {
  images: readonly string[];
  mask?: string;
  markup?: string;
}

/**
 * What a host keeps when one of a planned edit's long jobs starts (the engine's `job-started`),
 * so that a later run can resume it with `resumePendingEdit` and record it exactly as this run
 * would have: the same edit id, inputs and folder, and for markup the same framed prompt.
 */
export function pendingEditOf<Location>(
  plan: EditPlan<Location>,
  job: { handle: JobHandle; editId: string; hashes: PlanInputHashes },
): PendingEdit<Location> {
  const { hashes } = job;
  const markupDelivery =
    plan.markupSent?.delivery ??
    (plan.capabilities ? markupDeliveryFor(plan.capabilities) : 'flattened');
  return {
    handle: job.handle,
    editId: job.editId,
    prompt: plan.prompt,
    options: plan.options,
    sources: plan.images.map((location, index) => ({
      location,
      sha256: hashes.images[index] ?? '',
    })),
    ...(plan.mask === undefined
      ? {}
      : { mask: { location: plan.mask, sha256: hashes.mask ?? '' } }),
    ...(plan.markup === undefined
      ? {}
      : {
          markup: {
            location: plan.markup,
            sha256: hashes.markup ?? '',
            delivery: markupDelivery,
            sentPrompt: plan.markupSent?.prompt ?? frameMarkupPrompt(plan.prompt, markupDelivery),
          },
        }),
    folder: plan.folders[0]!,
    ...(plan.endpoint ? { endpoint: plan.endpoint } : {}),
    ...(plan.pricing ? { pricing: plan.pricing } : {}),
  };
}
