import type { Background, ImageMediaType, OutputFormat } from './capabilities.js';
import type { ImageUsage } from './edit-call.js';
import type { JobHandle } from './job-handle.js';
import type { PreparedInput } from './prepared-input.js';
import type { EditProgressEvent } from './progress.js';
import type { ImageEditProvider } from './provider.js';
import type { EditWarning } from './warning.js';

/**
 * An input image as a user has it. A string is a data URI (`data:`), an http(s) URL, or else a
 * local path; a `URL` may be `file:`, `http:` or `https:`.
 */
export type ImageInput =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | Blob
  | { path: string }
  | { data: Uint8Array; filename?: string };

export interface EditImageOptions {
  /** Total images wanted; split over several provider calls when the model returns fewer per call. */
  n?: number;
  size?: string;
  quality?: string;
  /** Planning effort, for models that list `complexities` (gpt-image-2.6). */
  complexity?: string;
  background?: Background;
  outputFormat?: OutputFormat;
  /** 0–100, for jpeg and webp. */
  outputCompression?: number;
  inputFidelity?: 'high' | 'low';
  user?: string;
  /** Ask for this many partial images while the edit runs (streaming models only). */
  partialImages?: number;
  providerOptions?: Record<string, unknown>;
}

export interface EditRunOptions {
  signal?: AbortSignal;
  /**
   * Per attempt; and for a long job, how long it may take to complete once submitted (it is then
   * cancelled). Defaults to 10 minutes: high-quality edits take minutes.
   */
  timeoutMs?: number;
  /** Across all attempts and calls. Unlimited unless set. */
  totalTimeoutMs?: number;
  /**
   * Retries per provider call (an edit, or a long job's submit) after the first attempt. Default 2.
   * A 429 is not counted: it is waited out as the server asks while the run's time allows
   * (90 % of `totalTimeoutMs`, else 3 minutes), except with `maxRetries: 0`.
   */
  maxRetries?: number;
  /**
   * Long jobs: retries while following a job that already runs on the server, after each streak
   * of failed status checks, and for reading its result. Default 8: the job is paid for, and
   * reading its status changes nothing.
   */
  maxJobRetries?: number;
  /** Provider calls in flight at once when `n` is split. Default 4. */
  concurrency?: number;
  onProgress?: (event: EditProgressEvent) => void;
}

export interface EditImageRequest extends EditImageOptions, EditRunOptions {
  provider: ImageEditProvider;
  model: string;
  prompt: string;
  images: ImageInput | readonly ImageInput[];
  mask?: ImageInput;
  /**
   * Marks drawn over the first image on a transparent layer of its size (an RGBA PNG: opaque
   * pixels are marks). A model whose `markupInput` is `layer` gets it as its own layer beside the
   * untouched image; any other model gets the marks drawn onto the first image. Never together
   * with `mask`.
   */
  markup?: ImageInput;
  /** Largest image accepted from an http(s) input URL, in bytes. Default 50 MB. */
  maxDownloadBytes?: number;
  /**
   * What each provider call's idempotency key is made from (with the call's index), when the same
   * edit must get the same keys from run to run: a batch item edited again after a crash, so a
   * server that dedupes by key answers the first request instead of billing a second. Default:
   * random keys, the same only across the retries of one call.
   */
  idempotencyKey?: string;
  /**
   * Send the inputs exactly as they are. By default the engine prepares them for the model:
   * EXIF orientation applied, shrunk to its largest useful edge, converted to a type it takes
   * (HEIC, AVIF, TIFF, BMP, 16-bit PNG), the mask and markup scaled with the image; each change is a note
   * (an `input-prepared` warning) and listed in `result.preparedInputs`.
   */
  keepInput?: boolean;
  /**
   * Framing and region edits (issue 30). With one input and no `size`, the engine asks for the
   * model's size closest to the picture's aspect ratio, pads where none matches and crops the
   * answer back; with a mask over at most `threshold` of the picture, it sends that region with
   * `margin` of context and puts the answer back into the full-resolution original.
   * `wholeImage: true` sends the whole picture instead.
   */
  region?: { wholeImage?: boolean; threshold?: number; margin?: number };
}

export interface ResumeEditRequest extends EditRunOptions {
  provider: ImageEditProvider;
  handle: JobHandle;
  /**
   * The edit's picture and mask, as they were given to `editImage`. A job whose handle says its
   * answer goes back into the picture inside a mask (`framing.feather`) needs them to return the
   * whole picture; without them its answer is the region the model sent, with a warning.
   */
  source?: { image: ImageInput; mask?: ImageInput };
}

export interface EditedImage {
  data: Uint8Array;
  mediaType: ImageMediaType;
  width: number;
  height: number;
  revisedPrompt?: string;
}

/** What one provider call reported besides its images. */
export interface EditCallSummary {
  requestId?: string;
  usage?: ImageUsage;
  echoed?: Record<string, unknown>;
  providerMetadata?: Record<string, unknown>;
}

export interface EditImageResult {
  provider: string;
  model: string;
  images: EditedImage[];
  /** Summed over all calls. */
  usage?: ImageUsage;
  /** The first call's request id; every call's is in `calls`. */
  requestId?: string;
  calls: EditCallSummary[];
  warnings: EditWarning[];
  /** Inputs the engine changed before sending, with what was sent instead (absent: none). */
  preparedInputs?: PreparedInput[];
  /** The first input's size as the user sees it (upright), to show beside the result's. */
  source?: { width: number; height: number };
}
