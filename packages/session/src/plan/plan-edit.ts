import { type CostEstimate, RetouchError } from '@retouch/core';
import { estimateEditCost, formatMoney, pricingFor } from '@retouch/core/cost';
import { probeOutputFolder } from '@retouch/output';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import { applyPreset } from '../presets/resolve-preset.js';
import type { EditOptions, EditPlan, EditRequest } from './edit-request.js';
import { modelInfoOf, modelOf } from './model-of.js';

/**
 * Everything a run decides and checks before it sends: the model, a key when the provider needs
 * one, where each result goes (each folder proven writable), the estimate, the budget for a
 * single edit, and the host's confirmation of the cost. Throws a `RetouchError` for what would
 * stop the run; sends nothing.
 */
export async function planEdit<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  request: EditRequest<Location>,
): Promise<EditPlan<Location>> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const { fs } = resolved;
  const { provider } = request;
  const chosen = request.preset
    ? applyPreset(request.preset, { prompt: request.prompt, options: request.options })
    : { prompt: request.prompt?.trim() ?? '', options: request.options ?? {} };
  const { prompt } = chosen;
  if (!prompt) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: 'Say what to change: the prompt is empty.',
      issues: [{ field: 'prompt', message: 'required' }],
    });
  }
  if (request.images.length === 0) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: 'Name at least one image to edit.',
      issues: [{ field: 'images', message: 'required' }],
    });
  }
  if (request.key?.required && !request.key.present) {
    throw new RetouchError({
      code: 'authentication',
      provider: provider.id,
      origin: 'missing-key',
      message: `${provider.id} needs an API key, and none is set. Nothing was sent.`,
    });
  }
  const model = modelOf(provider, request.model);
  const info = modelInfoOf(provider, model);
  const capabilities = info?.capabilities;
  const pricing = request.pricing ?? pricingFor(info ?? { id: model }, request.pricingOverrides);
  const options: EditOptions = chosen.options;
  const each = request.each === true;
  const folders = request.images.map(
    (image) => request.out ?? request.outputFolder?.(image) ?? fs.parent(image),
  );
  const advice = resolved.folderAdvice(request.out !== undefined);
  const probed = new Set<string>();
  for (const folder of each ? folders : folders.slice(0, 1)) {
    const key = fs.display(folder);
    if (probed.has(key)) continue;
    probed.add(key);
    // Before anything is sent and paid for.
    await probeOutputFolder(fs, folder, advice);
  }
  const perEdit = estimateEditCost({
    model,
    pricing,
    n: options.n,
    size: options.size,
    quality: options.quality,
  });
  const edits = each ? request.images.length : 1;
  const plan: EditPlan<Location> = {
    ...request,
    prompt,
    model,
    ...(capabilities ? { capabilities } : {}),
    ...(pricing ? { pricing } : {}),
    options,
    each,
    folders,
    edits,
    perEdit,
    total: totalOf(perEdit, edits),
  };
  if (!each && request.maxCost !== undefined) assertWithinBudget(plan, request.maxCost);
  if (resolved.confirmCost && !(await resolved.confirmCost(plan.total, edits))) {
    throw new RetouchError({
      code: 'cancelled',
      provider: provider.id,
      message: 'Not sent: the estimated cost was not confirmed.',
    });
  }
  return plan;
}

/** The estimate of `edits` edits of one estimate each. */
export function totalOf(perEdit: CostEstimate, edits: number): CostEstimate {
  return perEdit.kind === 'unknown'
    ? perEdit
    : { ...perEdit, amount: perEdit.amount * edits, basis: `${edits} × (${perEdit.basis})` };
}

/**
 * A budget for one edit: refused before anything is sent when its estimate could exceed it, or
 * when its cost cannot be estimated at all.
 */
function assertWithinBudget<Location>(plan: EditPlan<Location>, maxCost: number): void {
  const estimate = plan.perEdit;
  if (estimate.kind === 'estimate' && estimate.amount <= maxCost + 1e-9) return;
  const why =
    estimate.kind === 'unknown'
      ? `its cost cannot be estimated (${estimate.reason})`
      : `it could cost up to ${formatMoney(estimate.amount, estimate.currency)} (${estimate.basis})`;
  throw new RetouchError({
    code: 'invalid_request',
    provider: plan.provider.id,
    message: `Not sent: ${why}, over the budget of ${formatMoney(maxCost, plan.pricing?.currency)}.`,
    issues: [{ field: 'max-cost', message: 'the edit could exceed it' }],
  });
}
