import { editImage } from '@retouch/core';
import { createGoogleProvider } from '@retouch/provider-google';
import { benchGeminiModel } from './gemini-edit-client.js';
import type { ImageEditClient } from './image-edit-client.js';

/** Ours: editImage() with the Google provider; a path input is read and checked by the engine. */
export function retouchGeminiEdit(emulatorUrl: string, apiKey: string): ImageEditClient {
  const provider = createGoogleProvider({ baseURL: `${emulatorUrl}/v1beta`, apiKey });
  return async ({ path, prompt }) => {
    const result = await editImage({ provider, model: benchGeminiModel, prompt, images: path });
    const image = result.images[0];
    if (!image) throw new Error('retouch: no image in the result');
    return image.data;
  };
}
