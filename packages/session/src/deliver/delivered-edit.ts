import type { EditCost, RetouchError } from '@retouch/core';
import type { Delivery, RecordedInput, RecordedMarkup } from '@retouch/output';

/** The marked-up copy an edit was explained with, and how it was sent. */
export type MarkupInput<Location> = RecordedInput<Location> &
  Pick<RecordedMarkup, 'delivery' | 'sentPrompt'>;

/**
 * One edit whose results were delivered: what the host's history sink receives, and what
 * `deliverEdit` resolves. `error` is set when some result is not where it was asked to go (it
 * was rescued, or lost); the results that were written are still in `delivery`.
 */
export interface DeliveredEdit<Location> {
  delivery: Delivery<Location>;
  prompt: string;
  sources: readonly RecordedInput<Location>[];
  mask?: RecordedInput<Location>;
  markup?: MarkupInput<Location>;
  cost?: EditCost;
  /** The `output` error for results that did not reach the folder asked for. */
  error?: RetouchError;
  /** Set when the results were kept as candidates (a `CandidatesSink`): their edit's folder. */
  candidates?: { folder: Location };
  /**
   * The first source's size as the user sees it (upright), to show beside the results': a model
   * may answer at its own size.
   */
  sourceSize?: { width: number; height: number };
}
