import type { ModelPricing } from '../cost/model-pricing.js';

/** Media types the engine can sniff from magic bytes, and the types results come back in. */
export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/**
 * Every type the engine reads as an input. The ones beyond `ImageMediaType` (phone HEIC, AVIF,
 * scanner TIFF, BMP) are read through the image codec and usually converted before sending.
 */
export type InputMediaType =
  | ImageMediaType
  | 'image/heic'
  | 'image/heif'
  | 'image/avif'
  | 'image/tiff'
  | 'image/bmp';

export type OutputFormat = 'png' | 'jpeg' | 'webp';
export type Background = 'auto' | 'transparent' | 'opaque';

/**
 * Rules for free-form `WxH` sizes, as gpt-image-2 accepts them. Every bound is optional so a
 * provider states only what its model enforces.
 */
export interface CustomSizeRule {
  minEdge?: number;
  maxEdge?: number;
  /** Both edges must be a multiple of this (e.g. 16). */
  multipleOf?: number;
  minPixels?: number;
  maxPixels?: number;
  /** Longest edge divided by shortest edge, e.g. 3 for 3:1. */
  maxAspectRatio?: number;
}

export interface SizeCapabilities {
  /** Named sizes the model accepts verbatim, e.g. `1024x1024`, `auto`. */
  presets: readonly string[];
  /** When present, any `WxH` satisfying the rule is accepted too. */
  custom?: CustomSizeRule;
}

/**
 * What one model can do, as data. The engine validates every request against this before any
 * network I/O, and UIs (the VS Code quick picks, `retouch models`) render it.
 */
export interface ModelCapabilities {
  sizes: SizeCapabilities;
  /** Total images a user may ask for in one edit. */
  n: { min: number; max: number };
  /** Images one provider call returns at most; the engine splits larger `n` over several calls. */
  maxImagesPerCall: number;
  /** Input images accepted in one edit. */
  maxInputImages: number;
  inputMediaTypes: readonly InputMediaType[];
  /** Largest accepted input file, in bytes. */
  maxInputBytes: number;
  /**
   * The longest input edge the model makes use of, in pixels (usually its largest output edge:
   * 3840 for gpt-image-2, 1536 for gpt-image-1). The engine shrinks larger inputs to it before
   * sending, which saves upload time and changes nothing the model sees. Absent: no shrinking.
   */
  maxUsefulInputEdge?: number;
  /** Largest accepted mask file, in bytes (OpenAI: under 4 MB). Absent: `maxInputBytes`. */
  maxMaskBytes?: number;
  /** Inputs must be square (dall-e-2). Absent means any aspect ratio. */
  squareInputsOnly?: boolean;
  mask: boolean;
  outputFormats: readonly OutputFormat[];
  outputCompression: boolean;
  backgrounds: readonly Background[];
  /** Quality levels, e.g. `low`, `medium`, `high`, `auto`. Empty when the model has none. */
  qualities: readonly string[];
  inputFidelity: boolean;
  /** Whether partial images can be streamed, and how many at most. */
  streaming: { partialImages: number } | false;
  /** Longest prompt in characters. */
  maxPromptLength: number;
  /**
   * How an edit the user explained with marks reaches the model. `layer`: the model takes the
   * marks as their own transparent layer (`markup`, gpt-image-2.6), beside the unmarked image,
   * and never together with a mask. `reference`: the model takes the unmarked image and, after
   * it, a marked-up copy as a reference. Absent or `flattened`: the marks are drawn onto the
   * image, which every model can take.
   */
  markupInput?: 'flattened' | 'reference' | 'layer';
  /**
   * Planning effort levels the model takes apart from `qualities` (gpt-image-2.6's
   * `complexity`: `low`, `medium`, `high`). Absent or empty: the model has no such option.
   */
  complexities?: readonly string[];
}

/**
 * Where a model stands in its vendor's lifecycle. Dates are `YYYY-MM-DD` (UTC), as OpenAI's
 * `GET /v1/models` reports `shutdown_date`. Every field is optional: state what is known.
 */
export interface ModelLifecycle {
  /** `deprecated`: retirement announced; `legacy`: no longer updated; `preview`: may go at short notice. */
  status?: 'active' | 'preview' | 'legacy' | 'deprecated';
  /** When the retirement was announced. */
  deprecationDate?: string;
  /** From this day the model no longer answers. */
  shutdownDate?: string;
  /** The model id the vendor recommends instead. */
  replacement?: string;
}

export interface ModelInfo {
  id: string;
  displayName?: string;
  capabilities: ModelCapabilities;
  /** Retirement facts; the engine warns before sending to a model past or near its shutdown. */
  lifecycle?: ModelLifecycle;
  /**
   * The wire protocol the provider uses for this model, for display (e.g. `images` or `chat` for
   * openai-compatible, `queue`). Providers that speak only one may leave it out.
   */
  wire?: string;
  /**
   * What the model costs, with its source and the day it was checked; apps lay the user's
   * configured prices over it. Absent: unknown, and costs are reported as unknown.
   */
  pricing?: ModelPricing;
}
