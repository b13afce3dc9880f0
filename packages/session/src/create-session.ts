import type { ImageEditProvider } from '@retouch/core';
import { type DeliverEditRequest, deliverEdit } from './deliver/deliver-edit.js';
import type { DeliveredEdit } from './deliver/delivered-edit.js';
import {
  type BatchApiEachControls,
  type BatchApiEachOutcome,
  performBatchApiEach,
} from './each/perform-batch-api-each.js';
import { type EachControls, type EachOutcome, performEach } from './each/perform-each.js';
import { resolveHost, type SessionHost } from './host/session-host.js';
import { type CheckInputsRequest, checkInputs, type InputCheck } from './plan/check-inputs.js';
import type { EditPlan, EditRequest } from './plan/edit-request.js';
import { planEdit } from './plan/plan-edit.js';
import { type DryRun, dryRun } from './run/dry-run.js';
import { type EditControls, type EditOutcome, performEdit } from './run/perform-edit.js';
import {
  type PendingEdit,
  type ResumeControls,
  resumePendingEdit,
} from './run/resume-pending-edit.js';

/** The session's operations bound to one host. */
export interface Session<Location> {
  /** The inputs against the model, right after they are picked (before the prompt). */
  checkInputs(request: CheckInputsRequest<Location>): Promise<InputCheck>;
  plan(request: EditRequest<Location>): Promise<EditPlan<Location>>;
  /** One edit of every image together. */
  edit(plan: EditPlan<Location>, controls?: EditControls): Promise<EditOutcome<Location>>;
  /** Every image on its own, with a journal (a plan made with `each: true`). */
  each(plan: EditPlan<Location>, controls?: EachControls): Promise<EachOutcome<Location>>;
  /** Every image on its own through the provider's Batch API, at the batch price. */
  batchApiEach(
    plan: EditPlan<Location>,
    controls?: BatchApiEachControls,
  ): Promise<BatchApiEachOutcome<Location>>;
  dryRun(plan: EditPlan<Location>, options?: { batchApi?: boolean }): Promise<DryRun>;
  resume(
    provider: ImageEditProvider,
    pending: PendingEdit<Location>,
    controls?: ResumeControls,
  ): Promise<EditOutcome<Location>>;
  deliver(request: DeliverEditRequest<Location>): Promise<DeliveredEdit<Location>>;
}

/** Binds the session's functions to a host: `createSession(host).plan(…)`. */
export function createSession<Location>(host: SessionHost<Location>): Session<Location> {
  const resolved = resolveHost(host);
  return {
    checkInputs: (request) => checkInputs(resolved, request),
    plan: (request) => planEdit(resolved, request),
    edit: (plan, controls) => performEdit(resolved, plan, controls),
    each: (plan, controls) => performEach(resolved, plan, controls),
    batchApiEach: (plan, controls) => performBatchApiEach(resolved, plan, controls),
    dryRun: (plan, options) => dryRun(resolved, plan, options),
    resume: (provider, pending, controls) =>
      resumePendingEdit(resolved, provider, pending, controls),
    deliver: (request) => deliverEdit(resolved, request),
  };
}
