import type { ProviderEditResult } from '../contract/edit-call.js';
import type { EditCallSummary, EditedImage, EditImageResult } from '../contract/edit-request.js';
import { normalizeImages, sumUsage } from './normalize-result.js';
import type { ProgressSink } from './progress-sink.js';

export interface FinishedCall {
  result: ProviderEditResult;
  images: EditedImage[];
}

/**
 * Checks one call's images as soon as it returns, so `image-done` fires while other calls still
 * run. `firstIndex` is the call's first position in the final image list.
 */
export function finishCall(options: {
  result: ProviderEditResult;
  call: number;
  asked: number;
  firstIndex: number;
  provider: string;
  sink: ProgressSink;
}): FinishedCall {
  const { result, call, asked, sink } = options;
  const images = normalizeImages(result, options.provider).slice(0, asked);
  if (images.length < asked) {
    sink.warn({
      type: 'other',
      message: `${options.provider} returned ${images.length} of the ${asked} images asked for in one call.`,
    });
  }
  for (const warning of result.warnings ?? []) sink.warn(warning);
  for (let i = 0; i < images.length; i++) {
    sink.emit({ type: 'image-done', call, index: options.firstIndex + i });
  }
  return { result, images };
}

export function assembleResult(options: {
  provider: string;
  model: string;
  calls: readonly FinishedCall[];
  sink: ProgressSink;
}): EditImageResult {
  const calls = options.calls.map(({ result }) => {
    const summary: EditCallSummary = {};
    if (result.requestId !== undefined) summary.requestId = result.requestId;
    if (result.usage !== undefined) summary.usage = result.usage;
    if (result.echoed !== undefined) summary.echoed = result.echoed;
    if (result.providerMetadata !== undefined) summary.providerMetadata = result.providerMetadata;
    return summary;
  });
  const edited: EditImageResult = {
    provider: options.provider,
    model: options.model,
    images: options.calls.flatMap((call) => call.images),
    calls,
    warnings: [...options.sink.warnings],
  };
  const usage = sumUsage(calls.map((call) => call.usage));
  if (usage !== undefined) edited.usage = usage;
  const requestId = calls[0]?.requestId;
  if (requestId !== undefined) edited.requestId = requestId;
  return edited;
}
