import {
  type EditCost,
  type EditImageResult,
  type EditWarning,
  editImage,
  type ImageInput,
  type RetouchError,
} from '@retouch/core';
import { costOfEdit } from '@retouch/core/cost';
import { type DeliveredImage, type RecordedInput, sha256Hex } from '@retouch/output';
import { deliverEdit } from '../deliver/deliver-edit.js';
import type { DeliveredEdit, MarkupInput } from '../deliver/delivered-edit.js';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import type { MarkupDelivery } from '../markup/frame-markup-prompt.js';
import { markupEditInputs } from '../markup/markup-edit-inputs.js';
import { markupSentOf } from '../markup/markup-sent.js';
import type { EditPlan, MarkupLayer } from '../plan/edit-request.js';
import { sourceOptions } from '../plan/model-of.js';
import type { SessionProgressEvent } from '../progress/edit-progress.js';

/** How a host follows and stops a run. */
export interface EditControls {
  signal?: AbortSignal;
  /** The engine's events, then the session's end: `written`, or `failed`. */
  onProgress?: (event: SessionProgressEvent) => void;
  /** The edit's id (records, pending jobs); fresh when not given. */
  editId?: string;
}

/** One edit, delivered. */
export interface EditOutcome<Location> {
  editId: string;
  provider: string;
  model: string;
  /** The results where they are, written as asked or rescued. */
  outputs: DeliveredImage<Location>[];
  delivered: DeliveredEdit<Location>;
  /** Set when a result is not where it was asked to go: the `output` error that says where. */
  error?: RetouchError;
  requestId?: string;
  requestIds: string[];
  usage?: EditImageResult['usage'];
  /** What the edit cost, from what the provider reported; `unknown` says why not. */
  cost: EditCost;
  warnings: EditWarning[];
  /** The first source's size (upright), shown beside each result's. */
  source?: { width: number; height: number };
  /** What the user may want to know about the written files (a record kept in a sidecar, …). */
  notes: string[];
  elapsedMs: number;
}

/** The outcome of an edit the engine answered and the session delivered (run or resumed). */
export function editOutcomeOf<Location>(
  editId: string,
  result: EditImageResult,
  delivered: DeliveredEdit<Location>,
  cost: EditCost,
  elapsedMs: number,
): EditOutcome<Location> {
  return {
    editId,
    provider: result.provider,
    model: result.model,
    outputs: delivered.delivery.outputs,
    delivered,
    ...(result.source ? { source: result.source } : {}),
    ...(delivered.error ? { error: delivered.error } : {}),
    ...(result.requestId ? { requestId: result.requestId } : {}),
    requestIds: result.calls.flatMap((call) => (call.requestId ? [call.requestId] : [])),
    ...(result.usage ? { usage: result.usage } : {}),
    cost,
    warnings: result.warnings,
    notes: delivered.delivery.notes,
    elapsedMs,
  };
}

/**
 * Runs one planned edit: reads (or streams) the inputs, sends them through the engine (markup
 * framed for the model), and delivers the results into the plan's first folder with their
 * records. A result the folder cannot take is rescued, never lost: see `error`.
 */
export async function performEdit<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  plan: EditPlan<Location>,
  controls: EditControls = {},
): Promise<EditOutcome<Location>> {
  try {
    const outcome = await editAndDeliver(host, plan, controls);
    controls.onProgress?.({ type: 'written', count: outcome.outputs.length });
    return outcome;
  } catch (error) {
    controls.onProgress?.({ type: 'failed', error: error as Error });
    throw error;
  }
}

async function editAndDeliver<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  plan: EditPlan<Location>,
  controls: EditControls,
): Promise<EditOutcome<Location>> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const startedAt = resolved.now();
  const editId = controls.editId ?? resolved.newId();
  const first = plan.images[0]!;
  // Hashed while the edit runs; a source that cannot be read fails in the engine, named.
  const hashOf = (location: Location) => resolved.sha256(location).catch(() => '');
  const hashes = Promise.all([
    ...plan.images.map(hashOf),
    plan.mask === undefined ? Promise.resolve('') : hashOf(plan.mask),
    plan.markup === undefined ? Promise.resolve('') : hashOf(plan.markup),
    plan.markupLayer === undefined ? Promise.resolve('') : layerHash(resolved, plan.markupLayer),
  ]);
  hashes.catch(() => {});
  const options = { ...plan.options, ...(await sourceOptions(resolved.fs, plan, first)) };
  const inputs = await Promise.all(plan.images.map((image) => resolved.imageInput(image)));
  const sent = await sentInputs(resolved, plan, inputs);
  resolved.log.info(
    `Edit ${editId}: "${plan.prompt}" on ${plan.images.map((image) => resolved.fs.display(image)).join(', ')} using ${plan.provider.id}:${plan.model}`,
  );
  const result = await editImage({
    provider: plan.provider,
    model: plan.model,
    prompt: sent.prompt,
    images: sent.images,
    ...(plan.mask === undefined ? {} : { mask: await resolved.imageInput(plan.mask) }),
    ...(sent.markup === undefined ? {} : { markup: sent.markup }),
    ...options,
    timeoutMs: plan.timeoutMs,
    totalTimeoutMs: plan.timeoutMs,
    ...(plan.keepInput ? { keepInput: true } : {}),
    ...(plan.region ? { region: plan.region } : {}),
    signal: controls.signal,
    onProgress: controls.onProgress,
  });
  const sha = await hashes;
  const cost = costOfEdit({
    pricing: plan.pricing,
    result,
    size: options.size,
    quality: options.quality,
  });
  const recorded = (location: Location, index: number): RecordedInput<Location> => ({
    location,
    sha256: sha[index] ?? '',
  });
  // The marked-up copy is what the record keeps when there is one; else the layer file.
  const markedUp =
    plan.markup !== undefined
      ? recorded(plan.markup, plan.images.length + 1)
      : plan.markupLayer !== undefined && 'location' in plan.markupLayer
        ? recorded(plan.markupLayer.location, plan.images.length + 2)
        : undefined;
  const markup: MarkupInput<Location> | undefined =
    markedUp && sent.delivery
      ? { ...markedUp, delivery: sent.delivery, sentPrompt: sent.prompt }
      : undefined;
  const delivered = await deliverEdit(resolved, {
    folder: plan.folders[0]!,
    result,
    editId,
    prompt: plan.prompt,
    options,
    sources: plan.images.map(recorded),
    ...(plan.mask === undefined ? {} : { mask: recorded(plan.mask, plan.images.length) }),
    ...(markup ? { markup } : {}),
    cost,
    ...(plan.endpoint ? { endpoint: plan.endpoint } : {}),
    ...(plan.candidates ? { candidates: plan.candidates } : {}),
  });
  return editOutcomeOf(editId, result, delivered, cost, resolved.now() - startedAt);
}

/**
 * The images, marks layer and prompt that go to the provider: the marked-up copy instead of the
 * source, or after it, or the source with the marks as their own layer (see `markupSentOf`).
 */
async function sentInputs<Location>(
  host: ResolvedHost<Location>,
  plan: EditPlan<Location>,
  inputs: ImageInput[],
): Promise<{
  images: ImageInput[];
  markup?: ImageInput;
  prompt: string;
  delivery?: MarkupDelivery;
}> {
  const marks = markupSentOf(plan);
  if (!marks) return { images: inputs, prompt: plan.prompt };
  const layer =
    plan.markupLayer === undefined ? undefined : await layerInput(host, plan.markupLayer);
  if (plan.markup === undefined) {
    // The layer alone: the engine sends it as a layer, or draws it onto the image.
    return { images: inputs, ...(layer ? { markup: layer } : {}), ...marks };
  }
  const sent = markupEditInputs({
    instruction: plan.prompt,
    source: inputs[0]!,
    markedUp: await host.imageInput(plan.markup),
    ...(layer ? { layer } : {}),
    delivery: marks.delivery,
  });
  return { ...sent, ...marks };
}

function layerInput<Location>(
  host: ResolvedHost<Location>,
  layer: MarkupLayer<Location>,
): ImageInput | Promise<ImageInput> {
  return 'location' in layer
    ? host.imageInput(layer.location)
    : { data: layer.data, filename: layer.filename };
}

function layerHash<Location>(
  host: ResolvedHost<Location>,
  layer: MarkupLayer<Location>,
): Promise<string> {
  return 'location' in layer
    ? host.sha256(layer.location).catch(() => '')
    : Promise.resolve(sha256Hex(layer.data));
}
