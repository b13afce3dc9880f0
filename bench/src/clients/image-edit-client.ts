/** One edit of a local image, ending with the edited image's bytes in hand. */
export interface ImageEditRequest {
  path: string;
  prompt: string;
  size?: string;
}

export type ImageEditClient = (request: ImageEditRequest) => Promise<Uint8Array>;

/** The same model for both clients: it accepts custom sizes, so outputs can be kept tiny. */
export const benchModel = 'gpt-image-2';
