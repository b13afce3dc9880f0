import type { ProviderEditResult } from '../contract/edit-call.js';
import type { LongJobSteps } from '../contract/provider.js';
import { RetouchError } from '../errors/retouch-error.js';
import { checkImageComplete } from '../inputs/check-image-complete.js';

/**
 * Refuses a result whose images are cut short (a PNG without IEND, a JPEG without EOI …), so a
 * truncated image is never saved as a success. It runs inside the retried step and the error is
 * retryable: truncation is almost always a transport failure (a dropped connection, a proxy that
 * gave up), and another attempt is the best chance of a whole image. For a long job that attempt
 * re-fetches the finished result; for a plain edit it asks again, within `maxRetries`.
 */
export function checkResultImages(
  result: ProviderEditResult,
  provider: string,
): ProviderEditResult {
  for (const [index, image] of result.images.entries()) {
    const problem = checkImageComplete(image.data);
    if (problem === undefined) continue;
    throw new RetouchError({
      code: 'invalid_response',
      retryable: true,
      provider,
      requestId: result.requestId,
      message: `${provider} returned image ${index + 1} incomplete: ${problem} (${image.data.byteLength} bytes). The answer was probably cut off on the way; try again.`,
    });
  }
  return result;
}

/** The same job steps, with every fetched result checked as above. */
export function withWholeImages(jobs: LongJobSteps, provider: string): LongJobSteps {
  return {
    start: (call) => jobs.start(call),
    watch: (handle, options) => jobs.watch(handle, options),
    result: async (handle, options) =>
      checkResultImages(await jobs.result(handle, options), provider),
    cancel: (handle) => jobs.cancel(handle),
  };
}
