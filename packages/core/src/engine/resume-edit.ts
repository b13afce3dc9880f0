import type { EditImageResult, ResumeEditRequest } from '../contract/edit-request.js';
import { type JobCancellation, RetouchError } from '../errors/retouch-error.js';
import { type ReadImage, readImage } from '../inputs/read-image-input.js';
import { finishResumedFraming } from '../region/finish-framing.js';
import { assembleResult, finishCall } from './assemble-result.js';
import { assertProvider } from './assert-provider.js';
import { withWholeImages } from './check-result-images.js';
import { followJob } from './follow-job.js';
import { withCancellations } from './job-errors.js';
import { createProgressSink } from './progress-sink.js';
import { defaultMaxJobRetries, defaultTimeoutMs } from './run-defaults.js';
import { createRunSignal } from './run-signal.js';
import { settledError, toSafeError } from './safe-error.js';

/**
 * Carries on with a long job from its handle, e.g. after the app restarted. The job may have
 * finished meanwhile; then the result is fetched straight away. Aborting cancels the job.
 */
export async function resumeEdit(request: ResumeEditRequest): Promise<EditImageResult> {
  const { provider, handle } = request;
  assertProvider(provider);
  const run = createRunSignal({
    signal: request.signal,
    totalTimeoutMs: request.totalTimeoutMs,
    provider: provider.id,
  });
  const sink = createProgressSink(request.onProgress, provider.secrets ?? []);
  const cancellations: JobCancellation[] = [];
  try {
    const jobs = provider.jobs;
    if (!jobs) {
      throw new RetouchError({
        code: 'invalid_request',
        provider: provider.id,
        message: `${provider.id} has no long jobs, so there is nothing to resume. Start a new edit instead.`,
        issues: [{ field: 'provider', message: 'does not support long jobs' }],
      });
    }
    if (handle?.provider !== provider.id) {
      throw new RetouchError({
        code: 'invalid_request',
        provider: provider.id,
        message: `This job belongs to ${String(handle?.provider)}, not ${provider.id}. Resume it with the provider that started it.`,
        issues: [{ field: 'handle.provider', message: `expected ${provider.id}` }],
      });
    }
    const result = await followJob({
      jobs: withWholeImages(jobs, provider.id),
      handle,
      call: 0,
      provider: provider.id,
      signal: run.signal,
      maxRetries: request.maxJobRetries ?? defaultMaxJobRetries,
      timeoutMs: request.timeoutMs ?? defaultTimeoutMs,
      emit: sink.emit,
      onCancelled: (cancellation) => cancellations.push(cancellation),
    });
    const finished = finishCall({
      result,
      call: 0,
      asked: result.images.length,
      firstIndex: 0,
      provider: provider.id,
      sink,
    });
    const assembled = assembleResult({
      provider: provider.id,
      model: handle.model,
      calls: [finished],
      sink,
    });
    if (!handle.framing) return assembled;
    // The job was sent reframed (padded, or a region): put its answer back as `editImage` would.
    const source = await readSource(request.source, run.signal).catch(() => undefined);
    assembled.images = await finishResumedFraming(
      handle.framing,
      assembled.images,
      source,
      (warning) => sink.warn(warning),
    );
    assembled.warnings = [...sink.warnings];
    return assembled;
  } catch (error) {
    const settled = withCancellations(settledError(run.signal, error), cancellations, provider.id);
    throw toSafeError(settled, provider.id, provider.secrets ?? []);
  } finally {
    run.dispose();
  }
}

async function readSource(
  source: ResumeEditRequest['source'],
  signal: AbortSignal,
): Promise<{ image: ReadImage; mask: ReadImage | undefined } | undefined> {
  if (!source) return undefined;
  const [image, mask] = await Promise.all([
    readImage(source.image, { signal }),
    source.mask === undefined ? undefined : readImage(source.mask, { signal, field: 'mask' }),
  ]);
  return { image, mask };
}
