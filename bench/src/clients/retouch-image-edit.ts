import { createRegistry, editImage } from '@retouch/core';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { benchModel, type ImageEditClient } from './image-edit-client.js';

/** Ours: editImage() with the openai-compatible provider; a path input streams from disk. */
export function retouchImageEdit(emulatorUrl: string, apiKey: string): ImageEditClient {
  const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
    baseURL: `${emulatorUrl}/v1`,
    apiKey,
    models: [{ id: benchModel }],
  });
  return async ({ path, prompt, size }) => {
    const result = await editImage({
      provider,
      model: benchModel,
      prompt,
      images: path,
      ...(size === undefined ? {} : { size }),
    });
    const image = result.images[0];
    if (!image) throw new Error('retouch: no image in the result');
    return image.data;
  };
}
