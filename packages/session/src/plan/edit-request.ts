import type {
  CostEstimate,
  EditImageOptions,
  ImageEditProvider,
  ModelCapabilities,
  ModelPricing,
} from '@retouch/core';
import type { PricingOverrides } from '@retouch/core/cost';
import type { MarkupDelivery } from '../markup/frame-markup-prompt.js';
import type { PromptPreset } from '../presets/preset-schema.js';

/** The options a person picks for an edit (the engine's, less the run's own). */
export type EditOptions = Pick<
  EditImageOptions,
  | 'n'
  | 'size'
  | 'quality'
  | 'background'
  | 'outputFormat'
  | 'outputCompression'
  | 'inputFidelity'
  | 'partialImages'
>;

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
  /** A re-run's recorded markup delivery and prompt as sent, so it sends exactly the same. */
  markupSent?: { delivery: MarkupDelivery; prompt: string };
  options?: EditOptions;
  /** Edit every image on its own (a batch with a journal) instead of combining them. */
  each?: boolean;
  /** The folder the user named for results. */
  out?: Location;
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
