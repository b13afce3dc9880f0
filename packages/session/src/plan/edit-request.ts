import type {
  CostEstimate,
  EditImageOptions,
  EditImageRequest,
  ImageEditProvider,
  ModelCapabilities,
  ModelPricing,
} from '@retouch/core';
import type { PricingOverrides } from '@retouch/core/cost';
import type { CandidatesSink } from '../deliver/candidates-sink.js';
import type { MarkupDelivery } from '../markup/frame-markup-prompt.js';
import type { PromptPreset } from '../presets/preset-schema.js';

/** The options a person picks for an edit (the engine's, less the run's own). */
export type EditOptions = Pick<
  EditImageOptions,
  | 'n'
  | 'size'
  | 'quality'
  | 'complexity'
  | 'background'
  | 'outputFormat'
  | 'outputCompression'
  | 'inputFidelity'
  | 'partialImages'
>;

/** A marks layer: a file the host names, or the bytes it holds (VS Code's painter). */
export type MarkupLayer<Location> = { location: Location } | { data: Uint8Array; filename: string };

/** What a host asks for: these inputs, this prompt, these options, this provider. */
export interface EditRequest<Location> {
  provider: ImageEditProvider;
  /** Undefined picks the provider's first listed model. */
  model?: string;
  /** What to change; may be left out when a preset gives it. */
  prompt?: string;
  /** A prompt preset: its prompt and options apply where the request sets none of its own. */
  preset?: PromptPreset;
  images: readonly Location[];
  mask?: Location;
  /**
   * A copy of the (single) source with marks drawn on it, at its own size: sent in its place, or
   * after it to a model whose capabilities take a marked-up reference.
   */
  markup?: Location;
  /**
   * The marks alone on a transparent PNG of the first image's size (a file, or bytes the host
   * keeps in memory): a model whose `markupInput` is `layer` takes it as its own layer beside
   * the untouched image; any other model gets `markup` when the host has it, else the engine
   * draws the marks onto the image. Never with `mask`, never with `each`.
   */
  markupLayer?: MarkupLayer<Location>;
  /** A re-run's recorded markup delivery and prompt as sent, so it sends exactly the same. */
  markupSent?: { delivery: MarkupDelivery; prompt: string };
  options?: EditOptions;
  /** Edit every image on its own (a batch with a journal) instead of combining them. */
  each?: boolean;
  /** The folder the user named for results. */
  out?: Location;
  /** One edit's results become candidates in this store (the Studio), not files in a folder. */
  candidates?: CandidatesSink<Location>;
  /** Where a source's results go when no `out` is named (default: the source's own folder). */
  outputFolder?: (source: Location) => Location;
  /**
   * The model's prices, for the estimate and the cost recorded with each result. Default: the
   * user's `pricingOverrides` for the model, else the prices its data ships.
   */
  pricing?: ModelPricing;
  /** Prices from the user's configuration, by model id. */
  pricingOverrides?: PricingOverrides;
  /** Start no edit that could take the run's cost above this (in the prices' currency). */
  maxCost?: number;
  /** The provider's base URL, for the record (credentials and query are dropped there). */
  endpoint?: string;
  timeoutMs?: number;
  /**
   * Send the inputs exactly as they are (`--keep-input`, `retouch.keepInput`): no EXIF turn, no
   * shrinking to the model's largest useful size, no conversion. Otherwise the engine prepares
   * them and says so in an `input-prepared` note, recorded with each result.
   */
  keepInput?: boolean;
  /**
   * How a masked edit of part of a picture is sent (`--whole-image`, `--region-*`,
   * `retouch.region.*`): a crop around the mask composited back into the original, by default.
   */
  region?: EditImageRequest['region'];
  /** Whether the provider needs a key and has one: a missing key stops the plan, nothing sent. */
  key?: { required: boolean; present: boolean };
}

/** A request checked and resolved: what `performEdit`, `performEach` and `dryRun` run. */
export interface EditPlan<Location>
  extends Omit<EditRequest<Location>, 'model' | 'options' | 'prompt'> {
  /** The prompt as sent (a preset's, unless the request gave one). */
  prompt: string;
  model: string;
  capabilities?: ModelCapabilities;
  options: EditOptions;
  each: boolean;
  /** Where each image's results go, in the order of `images`. */
  folders: Location[];
  /** Edits the run sends: one, or one per image with `each`. */
  edits: number;
  /** One edit's estimate, and the whole run's. */
  perEdit: CostEstimate;
  total: CostEstimate;
}
