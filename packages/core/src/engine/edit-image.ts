import type { EditCall, ProviderEditResult } from '../contract/edit-call.js';
import type {
  EditImageOptions,
  EditImageRequest,
  EditImageResult,
} from '../contract/edit-request.js';
import type { ImageFile } from '../contract/image-file.js';
import type { ImageEditProvider } from '../contract/provider.js';
import { throwIfAborted } from '../errors/abort-error.js';
import { RetouchError } from '../errors/retouch-error.js';
import { checkMask } from '../inputs/check-mask.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { assembleResult, finishCall } from './assemble-result.js';
import { checkResultImages, withWholeImages } from './check-result-images.js';
import { followJob, reasonOf } from './follow-job.js';
import { createProgressSink, type ProgressSink } from './progress-sink.js';
import { readInputs } from './read-inputs.js';
import { resolveModel } from './resolve-model.js';
import { withRetry } from './retry.js';
import { runConcurrently } from './run-concurrently.js';
import { createRunSignal } from './run-signal.js';
import { settledError, toSafeError } from './safe-error.js';
import { splitN } from './split-n.js';
import { invalidRequestError, validateEditRequest } from './validate-request.js';

export const defaultTimeoutMs = 10 * 60 * 1000;
export const defaultMaxRetries = 2;
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
  try {
    return await runEdit(request, run.signal, run.abort, sink);
  } catch (error) {
    throw toSafeError(settledError(run.signal, error), provider.id, provider.secrets ?? []);
  } finally {
    run.dispose();
  }
}

async function runEdit(
  request: EditImageRequest,
  signal: AbortSignal,
  abortRun: (reason: unknown) => void,
  sink: ProgressSink,
): Promise<EditImageResult> {
  const { provider } = request;
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
      const result = await runCall({ provider, index, signal, sink, request, call });
      const firstIndex = counts.slice(0, index).reduce((a, b) => a + b, 0);
      return finishCall({ result, call: index, asked, firstIndex, provider: provider.id, sink });
    },
    (error) => abortRun(error),
  );
  return assembleResult({ provider: provider.id, model: resolved.model.id, calls, sink });
}

type CallFields = Omit<EditCall, 'signal' | 'onProgress'>;

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

async function runCall(context: {
  provider: ImageEditProvider;
  index: number;
  signal: AbortSignal;
  sink: ProgressSink;
  request: EditImageRequest;
  call: CallFields;
}): Promise<ProviderEditResult> {
  const { provider, index, signal, sink, request } = context;
  const retry = {
    maxRetries: request.maxRetries ?? defaultMaxRetries,
    signal,
    attemptTimeoutMs: request.timeoutMs ?? defaultTimeoutMs,
    provider: provider.id,
    onRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: unknown }) =>
      sink.emit({ type: 'retrying', call: index, attempt, delayMs, reason: reasonOf(error) }),
  };
  const onProgress = sink.forCall(index);
  const jobs = provider.jobs;
  if (!jobs) {
    return withRetry(async (_attempt, attemptSignal) => {
      sink.emit({ type: 'running', call: index });
      const result = await provider.edit({ ...context.call, signal: attemptSignal, onProgress });
      return checkResultImages(result, provider.id);
    }, retry);
  }
  const handle = await withRetry(
    (_attempt, attemptSignal) => jobs.start({ ...context.call, signal: attemptSignal, onProgress }),
    retry,
  );
  sink.emit({ type: 'job-started', call: index, handle });
  return followJob({
    jobs: withWholeImages(jobs, provider.id),
    handle,
    call: index,
    provider: provider.id,
    signal,
    maxRetries: retry.maxRetries,
    timeoutMs: retry.attemptTimeoutMs,
    emit: sink.emit,
  });
}

/** For JavaScript callers: a clear message instead of a TypeError deep inside the engine. */
export function assertProvider(provider: unknown): asserts provider is ImageEditProvider {
  const usable =
    typeof provider === 'object' &&
    provider !== null &&
    typeof (provider as ImageEditProvider).id === 'string' &&
    typeof (provider as ImageEditProvider).edit === 'function' &&
    Array.isArray((provider as ImageEditProvider).models);
  if (usable && (provider as ImageEditProvider).specificationVersion !== 'v1') {
    const version = String((provider as { specificationVersion?: unknown }).specificationVersion);
    throw new RetouchError({
      code: 'invalid_request',
      provider: (provider as ImageEditProvider).id,
      message: `The provider "${(provider as ImageEditProvider).id}" implements contract version ${version}, and this @retouch/core runs v1 providers. Install the @retouch/core version the plugin asks for in its peer dependencies.`,
      issues: [{ field: 'provider', message: `unsupported specificationVersion ${version}` }],
    });
  }
  if (!usable) {
    throw new RetouchError({
      code: 'invalid_request',
      message:
        'request.provider is not a provider: create one with a plugin, e.g. createRegistry([plugin]).createProvider(id, config).',
      issues: [{ field: 'provider', message: 'expected an ImageEditProvider' }],
    });
  }
}
