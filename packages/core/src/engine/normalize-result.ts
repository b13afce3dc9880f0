import type { ImageUsage, ProviderEditResult } from '../contract/edit-call.js';
import type { EditedImage } from '../contract/edit-request.js';
import { RetouchError } from '../errors/retouch-error.js';
import { sniffImage } from '../inputs/sniff-image.js';

/**
 * Turns a provider's images into results whose type and size come from the bytes, because a
 * server's declared content type is often wrong (and an HTML error page is not an image).
 */
export function normalizeImages(result: ProviderEditResult, provider: string): EditedImage[] {
  if (result.images.length === 0) {
    throw new RetouchError({
      code: 'invalid_response',
      provider,
      requestId: result.requestId,
      message: `${provider} answered without any image. Try again; if it keeps happening, the model may not support this edit.`,
    });
  }
  return result.images.map((image, index) => {
    const sniffed = sniffImage(image.data);
    if (!sniffed) {
      throw new RetouchError({
        code: 'invalid_response',
        provider,
        requestId: result.requestId,
        message: `${provider} returned image ${index + 1} as ${image.data.byteLength} bytes that are not a PNG, JPEG, WebP or GIF image. Try again, or report it to the provider.`,
      });
    }
    const edited: EditedImage = {
      data: image.data,
      mediaType: sniffed.mediaType,
      width: sniffed.width,
      height: sniffed.height,
    };
    if (image.revisedPrompt !== undefined) edited.revisedPrompt = image.revisedPrompt;
    return edited;
  });
}

/** Adds up token counts (and numeric details) over several calls. */
export function sumUsage(usages: readonly (ImageUsage | undefined)[]): ImageUsage | undefined {
  const present = usages.filter((usage): usage is ImageUsage => usage !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  const total: ImageUsage = {};
  for (const key of ['inputTokens', 'outputTokens', 'totalTokens'] as const) {
    const values = present.map((usage) => usage[key]).filter((v): v is number => v !== undefined);
    if (values.length > 0) total[key] = values.reduce((a, b) => a + b, 0);
  }
  const details = present.map((usage) => usage.details).filter((d) => d !== undefined);
  if (details.length > 0) total.details = details.reduce((a, b) => sumRecords(a, b));
  return total;
}

function sumRecords(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const sum: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = sum[key];
    if (typeof mine === 'number' && typeof value === 'number') sum[key] = mine + value;
    else if (isRecord(mine) && isRecord(value)) sum[key] = sumRecords(mine, value);
    else if (!(key in sum)) sum[key] = value;
  }
  return sum;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
