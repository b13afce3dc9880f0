import type { EditCall, ImageFile } from '@retouch/core/provider';
import { buildEditFields, type EditFieldOptions } from './build-edit-fields.js';
import type { ImageRef } from './openai-compatible-provider-options.js';

async function toDataUrl(file: ImageFile): Promise<string> {
  const bytes = await file.bytes();
  return `data:${file.mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/**
 * `EditImageBodyJsonParam`: uploaded inputs travel as data URLs in `images[].image_url`, followed
 * by any references (URLs, `file_id`s) from `providerOptions.imageRefs`. A JSON body cannot
 * stream from disk, so inputs are read whole here.
 */
export async function buildJsonBody(call: EditCall, options: EditFieldOptions): Promise<string> {
  const { providerOptions } = options;
  const images: ImageRef[] = [];
  for (const file of call.images) images.push({ image_url: await toDataUrl(file) });
  images.push(...(providerOptions.imageRefs ?? []));

  const body: Record<string, unknown> = { ...buildEditFields(call, options), images };
  if (call.mask) body.mask = { image_url: await toDataUrl(call.mask) };
  else if (providerOptions.maskRef) body.mask = providerOptions.maskRef;
  if (providerOptions.moderation) body.moderation = providerOptions.moderation;
  return JSON.stringify(body);
}
