import type { EditWarning } from '@retouch/core/provider';
import * as z from 'zod/mini';

/** `ImageRefParam`: exactly one of an http(s)/data URL or an uploaded file id. */
export const imageRefSchema = z.union([
  z.strictObject({ image_url: z.string().check(z.minLength(1)) }),
  z.strictObject({ file_id: z.string().check(z.minLength(1)) }),
]);
export type ImageRef = z.infer<typeof imageRefSchema>;

/** What `editImage({ providerOptions })` may carry for this provider. */
export const openAICompatibleProviderOptionsSchema = z.object({
  /** JSON body only (`EditImageBodyJsonParam.moderation`). */
  moderation: z.optional(z.enum(['low', 'auto'])),
  /** dall-e-2 style models only; defaults to `b64_json` so no second download is needed. */
  responseFormat: z.optional(z.enum(['url', 'b64_json'])),
  /** JSON body only: references sent after the uploaded images (URLs or `file_id`s). */
  imageRefs: z.optional(z.array(imageRefSchema)),
  /** JSON body only: a mask by reference instead of an uploaded mask. */
  maskRef: z.optional(imageRefSchema),
  /** Extra scalar fields a gateway understands, sent as they are. */
  extraFields: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  /**
   * Chat wire only: fields merged into the chat completions body, for what a gateway or model
   * takes there, e.g. `{ image_config: { aspect_ratio: '16:9' } }` (OpenRouter).
   */
  extraBody: z.optional(z.record(z.string(), z.unknown())),
});
export type OpenAICompatibleProviderOptions = z.infer<typeof openAICompatibleProviderOptionsSchema>;

/** Unknown or malformed options become warnings: the edit itself can still go ahead. */
export function readProviderOptions(raw: Record<string, unknown> | undefined): {
  options: OpenAICompatibleProviderOptions;
  warnings: EditWarning[];
} {
  if (!raw) return { options: {}, warnings: [] };
  const warnings: EditWarning[] = [];
  const known = new Set(Object.keys(openAICompatibleProviderOptionsSchema.shape));
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!known.has(key)) {
      warnings.push({
        type: 'unsupported-option',
        option: `providerOptions.${key}`,
        message: `The openai-compatible provider does not know providerOptions.${key}; it was not sent.`,
      });
      continue;
    }
    const field = openAICompatibleProviderOptionsSchema.shape[
      key as keyof OpenAICompatibleProviderOptions
    ] as z.ZodMiniType;
    const parsed = field.safeParse(value);
    if (parsed.success) options[key] = parsed.data;
    else
      warnings.push({
        type: 'unsupported-option',
        option: `providerOptions.${key}`,
        message: `providerOptions.${key} is malformed (${parsed.error.issues[0]?.message ?? 'invalid'}); it was not sent.`,
      });
  }
  return { options: options as OpenAICompatibleProviderOptions, warnings };
}
