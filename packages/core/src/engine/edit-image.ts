import type { ModelCapabilities } from '../contract/capabilities.js';
import type {
  EditImageOptions,
  EditImageRequest,
  EditImageResult,
} from '../contract/edit-request.js';
import type { ImageFile } from '../contract/image-file.js';
import { throwIfAborted } from '../errors/abort-error.js';
import type { JobCancellation, RequestIssue } from '../errors/retouch-error.js';
import { checkMask } from '../inputs/check-mask.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { checkMarkupLayer } from '../markup/check-markup-layer.js';
import { flattenMarkup } from '../markup/flatten-markup.js';
import { type Reframed, reframe } from '../region/reframe.js';
import { assembleResult, finishCall } from './assemble-result.js';
import { assertProvider } from './assert-provider.js';
import { isDryRun } from './dry-run.js';
import { type InputsToSend, inputsToSend, unprepared, validationViews } from './inputs-to-send.js';
import { withCancellations } from './job-errors.js';
import { createProgressSink, type ProgressSink } from './progress-sink.js';
import { type ReadInputs, readInputs } from './read-inputs.js';
import { resolveModel } from './resolve-model.js';
import { type CallFields, runCall } from './run-call.js';
import { runConcurrently } from './run-concurrently.js';
import { createRunSignal, type RunSignal } from './run-signal.js';
import { settledError, toSafeError } from './safe-error.js';
import { splitN } from './split-n.js';
import { invalidRequestError, validateEditRequest } from './validate-request.js';

const defaultConcurrency = 4;

/**
 * Edits images with a provider. It reads and checks the inputs, validates every option against
 * the model before any network I/O, splits `n` over calls, retries transient failures, and
 * returns images whose type and dimensions come from their bytes.
 */
export async function editImage(request: EditImageRequest): Promise<EditImageResult> {
  const { provider } = request;
  assertProvider(provider);
  const run = createRunSignal({
    signal: request.signal,
    totalTimeoutMs: request.totalTimeoutMs,
    provider: provider.id,
  });
  const sink = createProgressSink(request.onProgress, provider.secrets ?? []);
  const cancellations: JobCancellation[] = [];
  try {
    return await sendCalls(request, run, sink, (cancellation) => cancellations.push(cancellation));
  } catch (error) {
    const settled = withCancellations(settledError(run.signal, error), cancellations, provider.id);
    throw toSafeError(settled, provider.id, provider.secrets ?? []);
  } finally {
    run.dispose();
  }
}

/** Validates the request, splits `n` into calls and sends them; `editImage` owns the run around it. */
async function sendCalls(
  request: EditImageRequest,
  run: RunSignal,
  sink: ProgressSink,
  onCancelled: (cancellation: JobCancellation) => void,
): Promise<EditImageResult> {
  const { provider } = request;
  const { signal } = run;
  const resolved = resolveModel(provider, request.model);
  for (const warning of resolved.warnings) sink.warn(warning);

  const inputs = await readInputs(request, signal);
  const caps = resolved.model.capabilities;
  const keepInput = request.keepInput === true;
  // Validation sees the inputs as they will be sent (a HEIC as the JPEG it becomes), so a
  // request the model would refuse fails before any pixel is decoded.
  const views = validationViews(inputs, caps, keepInput);
  const validated = validateEditRequest({
    model: resolved.model,
    prompt: request.prompt,
    options: request,
    images: views.images,
    mask: inputs.mask?.file,
    markup: inputs.markup?.file,
    requestedImages: inputs.requested,
  });
  const issues = [...inputs.issues, ...validated.issues];
  if (inputs.mask) issues.push(...(await checkMask(inputs.mask, views.firstForMask)));
  if (inputs.markup) issues.push(...(await checkMarkupLayer(inputs.markup, views.firstForMask)));
  if (issues.length > 0) throw invalidRequestError(resolved.model.id, provider.id, issues);
  for (const warning of validated.warnings) sink.warn(warning);
  throwIfAborted(signal, provider.id);

  const reframed = await reframeInputs(request, inputs, caps, keepInput);
  const sendable = reframed
    ? {
        ...inputs,
        read: [reframed.image],
        files: [reframed.image.file],
        first: reframed.image.file,
        mask: reframed.mask,
        markup: reframed.markup,
      }
    : inputs;
  for (const input of reframed?.prepared ?? []) {
    sink.warn({ type: 'input-prepared', field: input.field, message: input.note });
  }
  const toSend = isDryRun(request)
    ? { ...unprepared(inputs), images: views.images }
    : await inputsToSend(sendable, caps, keepInput, signal);
  if (toSend.issues.length > 0) {
    throw invalidRequestError(resolved.model.id, provider.id, toSend.issues);
  }
  for (const input of toSend.prepared) {
    sink.warn({ type: 'input-prepared', field: input.field, message: input.note });
  }
  // Marks go onto the images as sent, so a layer scaled with its image still lines up.
  const layer = await placeMarkup(toSend, caps.markupInput, signal);
  if ('issue' in layer) throw invalidRequestError(resolved.model.id, provider.id, [layer.issue]);
  throwIfAborted(signal, provider.id);

  const counts = splitN(validated.options.n, resolved.model.capabilities.maxImagesPerCall);
  sink.emit({ type: 'validated', calls: counts.length });
  const { n: _n, ...options } = validated.options;
  if (reframed?.size) options.size = reframed.size;
  const prompt = reframed?.promptNote
    ? `${request.prompt}\n\n${reframed.promptNote}`
    : request.prompt;
  const calls = await runConcurrently(
    counts.length,
    request.concurrency ?? defaultConcurrency,
    async (index) => {
      const asked = counts[index]!;
      const call = buildCall(resolved.model.id, prompt, layer.images, toSend.mask, asked, options);
      if (layer.markup) call.markup = layer.markup;
      const result = await runCall({
        provider,
        index,
        signal,
        sink,
        request,
        call,
        onCancelled,
        ...(reframed?.framing ? { framing: reframed.framing } : {}),
      });
      const firstIndex = counts.slice(0, index).reduce((a, b) => a + b, 0);
      return finishCall({ result, call: index, asked, firstIndex, provider: provider.id, sink });
    },
    (error) => run.abort(error),
  );
  const result = assembleResult({ provider: provider.id, model: resolved.model.id, calls, sink });
  if (reframed) {
    result.images = await reframed.finish(result.images, (warning) => sink.warn(warning));
    result.warnings = [...sink.warnings];
  }
  const prepared = [...(reframed?.prepared ?? []), ...toSend.prepared];
  if (prepared.length > 0) result.preparedInputs = prepared;
  const first = views.firstForMask;
  if (first) result.source = { width: first.width, height: first.height };
  return result;
}

/**
 * Where the marks go: as their own layer for a model that takes one, else drawn onto the first
 * image (the model then sees one marked-up picture, as every model can).
 */
async function placeMarkup(
  toSend: InputsToSend,
  markupInput: ModelCapabilities['markupInput'],
  signal: AbortSignal,
): Promise<{ images: readonly ImageFile[]; markup?: ImageFile } | { issue: RequestIssue }> {
  const { images: files, markup } = toSend;
  if (!markup) return { images: files };
  if (markupInput === 'layer') return { images: files, markup: markup.file };
  const flattened = await flattenMarkup(files[0]!, markup.file, signal);
  if ('issue' in flattened) return flattened;
  return { images: [flattened.file, ...files.slice(1)] };
}

/**
 * Requests whose answer nothing puts back (a Batch API line: its answer is written as the server
 * sent it), so they are neither padded nor cut to a region: the result would keep the grey bands.
 */
export const sentUnframed = new WeakSet<EditImageRequest>();

/** Framing and region edits apply to one input, when no size was asked for (see `region`). */
async function reframeInputs(
  request: EditImageRequest,
  inputs: ReadInputs,
  caps: ModelCapabilities,
  keepInput: boolean,
): Promise<Reframed | undefined> {
  const asked = request.size !== undefined && request.size !== 'auto';
  if (isDryRun(request) || keepInput || asked || inputs.read.length !== 1) return undefined;
  if (sentUnframed.has(request)) return undefined;
  return reframe({
    image: inputs.read[0]!,
    mask: inputs.mask,
    markup: inputs.markup,
    caps,
    settings: request.region ?? {},
  });
}

function buildCall(
  model: string,
  prompt: string,
  images: readonly ImageFile[],
  mask: ReadImage | undefined,
  n: number,
  options: EditImageOptions,
): CallFields {
  // `options` holds only what the user set and the model supports: no invented defaults.
  const call: CallFields = { model, prompt, images, n, ...options };
  if (mask) call.mask = mask.file;
  return call;
}
