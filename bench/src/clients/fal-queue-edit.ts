import { readFile } from 'node:fs/promises';
import { createFalClient } from '@fal-ai/client';
import { benchQueueEndpoint, type QueueEditClient } from './queue-edit-client.js';

interface FalImageResult {
  images?: Array<{ url: string }>;
}

/**
 * Theirs: `fal.subscribe()` with its defaults (polling every 500 ms), pointed at the emulator the
 * way the emulator's README shows. The image is inline as a data URI, as ours sends it, and is
 * fetched from the result URL so that both end with the bytes in hand.
 */
export function falQueueEdit(emulatorUrl: string, apiKey: string): QueueEditClient {
  const fal = createFalClient({
    credentials: apiKey,
    requestMiddleware: async (request) => ({
      ...request,
      url: request.url.replace('https://queue.fal.run', emulatorUrl),
    }),
  });
  return async ({ path, prompt }) => {
    const dataUri = `data:image/png;base64,${(await readFile(path)).toString('base64')}`;
    const { data } = await fal.subscribe(benchQueueEndpoint, {
      input: { prompt, image_urls: [dataUri] },
    });
    const url = (data as FalImageResult).images?.[0]?.url;
    if (!url) throw new Error('fal: no image url in the result');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`fal: image download answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
