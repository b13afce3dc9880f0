/** One edit of a local image, ending with the edited image's bytes in hand. */
export interface ImageEditRequest {
  path: string;
  prompt: string;
  size?: string;
}

export type ImageEditClient = (request: ImageEditRequest) => Promise<Uint8Array>;

/**
 * The same model for both clients, as a gateway would list it: a model id neither side knows, so
 * any size goes and the answer can be kept tiny (OpenAI's own models need 1024-pixel answers).
 * Ours declares it as a custom model, as a gateway user does.
 */
export const benchModel = 'bench-image-edit';
