/** One queue job for a local image, ending with the edited image's bytes in hand. */
export type QueueEditClient = (request: { path: string; prompt: string }) => Promise<Uint8Array>;

/** fal-style endpoint id; both clients submit to `${emulator}/fal-ai/gpt-image-1/edit`. */
export const benchQueueEndpoint = 'fal-ai/gpt-image-1/edit';
