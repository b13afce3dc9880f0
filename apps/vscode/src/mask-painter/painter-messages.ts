/**
 * The messages between the painter page and the extension, shared by both sides (the page
 * imports this file's types only).
 */

/** `mask`: paint where to change. `markup`: draw what to change, with an optional mask. */
export type PainterMode = 'mask' | 'markup';

/** What the page sends. */
export type PainterMessage =
  | {
      type: 'save';
      width: number;
      height: number;
      /** The mask layer: one byte per pixel, 255 where painted, as base64. */
      coverage?: string;
      /** The source with the marks drawn on it, at its own pixel size: a PNG, as base64. */
      markup?: string;
      /** The marks alone on a transparent layer of the image's size: a PNG, as base64. */
      markupLayer?: string;
    }
  | { type: 'cancel' };

/** What the extension sends back when a save failed. */
export interface PainterError {
  type: 'error';
  message: string;
}
