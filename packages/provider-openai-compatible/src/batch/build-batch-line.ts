import type { EditCall, ImageFile } from '@retouch/core';
import type { BatchApiLine } from '@retouch/core/batch-api';
import { buildEditFields } from '../build-edit-fields.js';
import type { OpenAICompatibleModel } from '../openai-compatible-models.js';
import type { OpenAICompatibleProviderOptions } from '../openai-compatible-provider-options.js';
import { inlineImageMaxBytes } from './batch-limits.js';

export type ImageReference = { image_url: string } | { file_id: string };

/**
 * One request line of a batch input file: `{custom_id, method, url, body}` with the JSON edit
 * body (`EditImageBodyJsonParam`) the live endpoint takes. Small inputs go inline as data URLs;
 * bigger ones are uploaded first (`upload`) and referenced by `file_id`, which keeps every line
 * small and the input file far inside its size limit.
 */
export async function buildBatchLine(
  call: EditCall,
  customId: string,
  options: {
    model: OpenAICompatibleModel;
    providerOptions: OpenAICompatibleProviderOptions;
    upload: (file: ImageFile) => Promise<string>;
  },
): Promise<BatchApiLine> {
  const { providerOptions } = options;
  const reference = async (file: ImageFile): Promise<ImageReference> => {
    if (file.size <= inlineImageMaxBytes) {
      const bytes = await file.bytes();
      return {
        image_url: `data:${file.mediaType};base64,${Buffer.from(bytes).toString('base64')}`,
      };
    }
    return { file_id: await options.upload(file) };
  };
  const images: unknown[] = [];
  for (const file of call.images) images.push(await reference(file));
  images.push(...(providerOptions.imageRefs ?? []));
  const body: Record<string, unknown> = {
    ...buildEditFields(call, { model: options.model, providerOptions, stream: false }),
    images,
  };
  if (call.mask) body.mask = await reference(call.mask);
  else if (providerOptions.maskRef) body.mask = providerOptions.maskRef;
  if (providerOptions.moderation) body.moderation = providerOptions.moderation;
  return {
    customId,
    text: JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/images/edits', body }),
  };
}
