import { createRegistry, editImage } from '@retouch/core';
import { queuePlugin } from '@retouch/provider-queue';
import { benchQueueEndpoint, type QueueEditClient } from './queue-edit-client.js';

/** Ours: editImage() with the queue provider, following status by SSE or by polling. */
export function retouchQueueEdit(
  emulatorUrl: string,
  apiKey: string,
  transport: 'sse' | 'polling',
): QueueEditClient {
  const provider = createRegistry([queuePlugin]).createProvider('queue', {
    baseURL: emulatorUrl,
    apiKey,
    sse: transport === 'sse',
    models: [{ id: benchQueueEndpoint, fields: { images: 'image_urls' } }],
  });
  return async ({ path, prompt }) => {
    const result = await editImage({ provider, model: benchQueueEndpoint, prompt, images: path });
    const image = result.images[0];
    if (!image) throw new Error('retouch queue: no image in the result');
    return image.data;
  };
}
