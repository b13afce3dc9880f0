import type { EditCall, EditWarning, ImageFile } from '@retouch/core/provider';
import type { GoogleConfig } from './google-config.js';
import { imageConfigFor } from './image-config.js';

/** Tells the model which image is the mask, since Gemini has no mask field. */
export const maskInstruction =
  'The next image is a mask for the first image: edit only where the mask is transparent, and keep everything else unchanged.';

type Part = { text: string } | { inlineData: { mimeType: string; data: string } };

async function inlinePart(file: ImageFile): Promise<Part> {
  const bytes = await file.bytes();
  return { inlineData: { mimeType: file.mediaType, data: Buffer.from(bytes).toString('base64') } };
}

// EditCall options with no place in Gemini's request (the engine lets through only what the
// model table allows, so these arrive from custom model entries or the defaults).
const unsupported = [
  ['quality', 'Gemini image models have no quality setting (the size picks 1K, 2K or 4K)'],
  ['background', 'Gemini image models have no background setting'],
  ['outputFormat', 'Gemini image models answer in their own format'],
  ['outputCompression', 'Gemini image models have no compression setting'],
  ['inputFidelity', 'Gemini image models have no input fidelity setting'],
] as const;

export interface GenerateBodyOptions {
  /** False for models with a single size tier (2.5 Flash Image), which refuse `imageSize`. */
  sizeTiers: boolean;
}

/**
 * A `GenerateContentRequest` for one edit: one user turn holding the prompt, each input as an
 * `inlineData` part, then (when there is a mask) the mask instruction and the mask as one more
 * image. A `WxH` size becomes `imageConfig` (aspect ratio and 1K/2K/4K); `auto` sends none, and
 * the model follows the input's aspect ratio at 1K.
 */
export async function buildGenerateBody(
  call: EditCall,
  config: GoogleConfig,
  warnings: EditWarning[],
  options: GenerateBodyOptions,
): Promise<string> {
  const parts: Part[] = [{ text: call.prompt }];
  for (const file of call.images) parts.push(await inlinePart(file));
  if (call.mask) parts.push({ text: maskInstruction }, await inlinePart(call.mask));

  for (const [option, why] of unsupported) {
    const value = call[option];
    if (value !== undefined && value !== 'auto') {
      warnings.push({
        type: 'unsupported-option',
        option,
        message: `${option} was not sent: ${why}.`,
      });
    }
  }
  const imageConfig: Record<string, string> = {};
  const sized = call.size === undefined ? undefined : imageConfigFor(call.size);
  if (sized) {
    imageConfig.aspectRatio = sized.aspectRatio;
    if (options.sizeTiers) imageConfig.imageSize = sized.imageSize;
  }
  const generationConfig: Record<string, unknown> = {
    responseModalities: config.responseModalities.includes('IMAGE')
      ? config.responseModalities
      : [...config.responseModalities, 'IMAGE'],
  };
  if (Object.keys(imageConfig).length > 0) generationConfig.imageConfig = imageConfig;
  return JSON.stringify({ contents: [{ role: 'user', parts }], generationConfig });
}
