import type { Background, ImageMediaType, OutputFormat } from './capabilities.js';
import type { ImageFile } from './image-file.js';
import type { ProviderProgressEvent } from './progress.js';
import type { EditWarning } from './warning.js';

/**
 * One provider call, already validated by the engine against the model's capabilities. Optional
 * fields are absent when the user did not set them; providers must not invent defaults for them.
 */
export interface EditCall {
  model: string;
  prompt: string;
  images: readonly ImageFile[];
  mask?: ImageFile;
  /** The marks as their own transparent layer, for a model whose `markupInput` is `layer`. */
  markup?: ImageFile;
  /** Images to return from this call; never above the model's `maxImagesPerCall`. */
  n: number;
  size?: string;
  quality?: string;
  complexity?: string;
  background?: Background;
  outputFormat?: OutputFormat;
  outputCompression?: number;
  inputFidelity?: 'high' | 'low';
  user?: string;
  /** Set when the user asked for partial images and the model streams. */
  partialImages?: number;
  /** Options only this provider understands, passed through untouched. */
  providerOptions?: Record<string, unknown>;
  /**
   * A random key for this call, the same on every retry of it. A provider whose server dedupes
   * requests by a key (`Idempotency-Key`) sends it, so a retry after a lost answer cannot make
   * the server do (and bill) the work twice.
   */
  idempotencyKey?: string;
  /** Aborts on user cancel and on the engine's per-attempt timeout. */
  signal: AbortSignal;
  onProgress: (event: ProviderProgressEvent) => void;
}

export interface ImageUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  /** Provider-specific usage details, kept as received. */
  details?: Record<string, unknown>;
}

export interface ProviderImage {
  data: Uint8Array;
  /** As declared by the server; the engine re-checks it against the bytes. */
  mediaType?: ImageMediaType | string;
  revisedPrompt?: string;
}

export interface ProviderEditResult {
  images: ProviderImage[];
  usage?: ImageUsage;
  requestId?: string;
  /** Settings the server echoed back (size, quality, background, output_format, …). */
  echoed?: Record<string, unknown>;
  providerMetadata?: Record<string, unknown>;
  warnings?: EditWarning[];
}
