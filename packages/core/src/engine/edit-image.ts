import type {
  EditImageOptions,
  EditImageRequest,
  EditImageResult,
} from '../contract/edit-request.js';
import type { ImageFile } from '../contract/image-file.js';
import { throwIfAborted } from '../errors/abort-error.js';
import type { JobCancellation } from '../errors/retouch-error.js';
import { checkMask } from '../inputs/check-mask.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { assembleResult, finishCall } from './assemble-result.js';
import { assertProvider } from './assert-provider.js';
import { withCancellations } from './job-errors.js';
import { createProgressSink, type ProgressSink } from './progress-sink.js';
import { readInputs } from './read-inputs.js';
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
  const validated = validateEditRequest({
    model: resolved.model,
    prompt: request.prompt,
    options: request,
    images: inputs.files,
    mask: inputs.mask?.file,
    requestedImages: inputs.requested,
  });
  const issues = [...inputs.issues, ...validated.issues];
  if (inputs.mask) issues.push(...(await checkMask(inputs.mask, inputs.first)));
  if (issues.length > 0) throw invalidRequestError(resolved.model.id, provider.id, issues);
  for (const warning of validated.warnings) sink.warn(warning);
  throwIfAborted(signal, provider.id);

  const counts = splitN(validated.options.n, resolved.model.capabilities.maxImagesPerCall);
  sink.emit({ type: 'validated', calls: counts.length });
  const { n: _n, ...options } = validated.options;
  const calls = await runConcurrently(
    counts.length,
    request.concurrency ?? defaultConcurrency,
    async (index) => {
      const asked = counts[index]!;
      const call = buildCall(
        resolved.model.id,
        request.prompt,
        inputs.files,
        inputs.mask,
        asked,
        options,
      );
      const result = await runCall({ provider, index, signal, sink, request, call, onCancelled });
      const firstIndex = counts.slice(0, index).reduce((a, b) => a + b, 0);
      return finishCall({ result, call: index, asked, firstIndex, provider: provider.id, sink });
    },
    (error) => run.abort(error),
  );
  return assembleResult({ provider: provider.id, model: resolved.model.id, calls, sink });
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
