import type { ProviderEditResult } from '../contract/edit-call.js';
import type { EditImageResult } from '../contract/edit-request.js';
import { assembleResult, finishCall } from '../engine/assemble-result.js';
import { checkResultImages } from '../engine/check-result-images.js';
import { createProgressSink } from '../engine/progress-sink.js';

/** A batch line's result checked and normalized as a live edit's would be (whole images, types). */
export function assembleBatchResult(
  provider: string,
  model: string,
  result: ProviderEditResult,
  secrets: readonly string[],
): EditImageResult {
  const sink = createProgressSink(undefined, secrets);
  const checked = checkResultImages(result, provider);
  const finished = finishCall({
    result: checked,
    call: 0,
    asked: checked.images.length,
    firstIndex: 0,
    provider,
    sink,
  });
  return assembleResult({ provider, model, calls: [finished], sink });
}
