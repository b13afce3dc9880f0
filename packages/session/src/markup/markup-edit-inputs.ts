import type { ModelCapabilities } from '@retouch/core';
import { frameMarkupPrompt, type MarkupDelivery } from './frame-markup-prompt.js';

/**
 * How a model takes marks: as a separate reference after the image when its capabilities say so
 * and it accepts two images, else flattened onto the one image it gets.
 */
export function markupDeliveryFor(
  capabilities: Pick<ModelCapabilities, 'markupInput' | 'maxInputImages'>,
): MarkupDelivery {
  return capabilities.markupInput === 'reference' && capabilities.maxInputImages >= 2
    ? 'reference'
    : 'flattened';
}

export interface MarkupEdit<Image> {
  /** What the user asked for, e.g. "remove this". */
  instruction: string;
  /** The unmarked image. */
  source: Image;
  /** A copy of `source` at its own pixel size with the marks drawn on it. */
  markedUp: Image;
  delivery: MarkupDelivery;
}

/**
 * The images and prompt to send for an edit the user explained with marks: the marked-up copy
 * alone (`flattened`), or the source followed by the marked-up copy (`reference`), with the prompt
 * framed to match. Provider-agnostic: every model that edits an image can take the flattened form.
 */
export function markupEditInputs<Image>(edit: MarkupEdit<Image>): {
  images: Image[];
  prompt: string;
} {
  return {
    images: edit.delivery === 'reference' ? [edit.source, edit.markedUp] : [edit.markedUp],
    prompt: frameMarkupPrompt(edit.instruction, edit.delivery),
  };
}
