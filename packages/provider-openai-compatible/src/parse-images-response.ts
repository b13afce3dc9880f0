import { fetchRequestedImages, redactSecrets } from '@retouch/core/http';
import type { ImageUsage, ProviderEditResult, ProviderImage } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import * as z from 'zod/mini';
import { optionalNumber, optionalString, tokenUsageSchema, toTokenUsage } from './token-usage.js';

/** `ImagesUsage` / `ImageGenUsage`; details are kept as received. */
export const imagesUsageSchema = tokenUsageSchema('input_tokens', 'output_tokens');

const imageSchema = z
  .object({ b64_json: optionalString, url: optionalString, revised_prompt: optionalString })
  .check(
    z.refine((image) => Boolean(image.b64_json || image.url), {
      message: 'each image needs b64_json or url',
    }),
  );

/** Settings the server echoes; `created` is required by the spec but some gateways omit it. */
export const echoedSettingsSchema = z.object({
  created: optionalNumber,
  size: optionalString,
  quality: optionalString,
  background: optionalString,
  output_format: optionalString,
});

const imagesResponseSchema = z.extend(echoedSettingsSchema, {
  data: z.array(imageSchema).check(z.minLength(1)),
  usage: z.nullish(imagesUsageSchema),
});

export function toImageUsage(usage: z.infer<typeof imagesUsageSchema>): ImageUsage {
  return toTokenUsage(usage, 'input_tokens', 'output_tokens');
}

export function echoedSettings(
  response: z.infer<typeof echoedSettingsSchema>,
): Record<string, unknown> | undefined {
  const echoed = Object.fromEntries(
    (['size', 'quality', 'background', 'output_format'] as const)
      .filter((key) => response[key] !== undefined)
      .map((key) => [key, response[key]]),
  );
  return Object.keys(echoed).length > 0 ? echoed : undefined;
}

export function mediaTypeForFormat(format: string | undefined): string | undefined {
  if (format === 'png' || format === 'webp' || format === 'jpeg') return `image/${format}`;
  return undefined;
}

/** Gateways sometimes put a whole data URL in `b64_json`. */
export function decodeBase64Image(value: string): Uint8Array {
  const base64 = value.startsWith('data:') ? value.slice(value.indexOf(',') + 1) : value;
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** A short, single-line, redacted excerpt of what the server sent, for error messages. */
export function quoteBody(text: string, secrets: readonly string[]): string {
  const flat = redactSecrets(text.replace(/\s+/g, ' ').trim(), secrets);
  if (!flat) return '(an empty body)';
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

export interface ParseImagesContext {
  provider: string;
  requestId: string | undefined;
  secrets: readonly string[];
  /** Fetches an image the server returned by URL (the guarded download). */
  download: (
    url: string,
    signal?: AbortSignal,
  ) => Promise<{ bytes: Uint8Array; mediaType: string }>;
  /** Images the call asked for (`n`); extra ones are dropped with a warning. Default: all. */
  wanted?: number;
  signal?: AbortSignal;
}

/** Turns a 200 body into images; anything that is not an `ImagesResponse` is `invalid_response`. */
export async function parseImagesResponse(
  text: string,
  context: ParseImagesContext,
): Promise<ProviderEditResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = imagesResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new RetouchError({
      code: 'invalid_response',
      provider: context.provider,
      requestId: context.requestId,
      message: `${context.provider}: the server answered 200 but not with an images response (expected "data": [{ "b64_json" or "url" }]). It sent: ${quoteBody(text, context.secrets)} Check that the base URL points at an OpenAI-compatible /images/edits endpoint.`,
    });
  }
  const response = parsed.data;
  const declaredType = mediaTypeForFormat(response.output_format);
  const { images, warning } = await fetchRequestedImages(response.data, {
    provider: context.provider,
    wanted: context.wanted ?? response.data.length,
    signal: context.signal,
    fetch: async (image, signal): Promise<ProviderImage> => {
      const result: ProviderImage = image.b64_json
        ? { data: decodeBase64Image(image.b64_json), mediaType: declaredType }
        : await context.download(image.url as string, signal).then(({ bytes, mediaType }) => ({
            data: bytes,
            mediaType,
          }));
      if (result.mediaType === undefined) delete result.mediaType;
      if (image.revised_prompt) result.revisedPrompt = image.revised_prompt;
      return result;
    },
  });
  const result: ProviderEditResult = { images, requestId: context.requestId };
  if (warning) result.warnings = [warning];
  if (response.usage) result.usage = toImageUsage(response.usage);
  const echoed = echoedSettings(response);
  if (echoed) result.echoed = echoed;
  if (response.created !== undefined) result.providerMetadata = { created: response.created };
  return result;
}
