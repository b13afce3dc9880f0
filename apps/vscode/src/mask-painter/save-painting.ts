import { sniffImage } from '@retouch/core/provider';
import { encodeMaskPng, paintedPixelCount } from './encode-mask-png.js';
import type { PainterMessage, PainterMode } from './painter-messages.js';

/** The files a painter session saves: a mask PNG and/or the marked-up copy of the image. */
export interface PaintingFiles {
  maskPng?: Uint8Array;
  markupPng?: Uint8Array;
}

/**
 * Checks what the page sent against the image (the page is ours, but its data is still input)
 * and turns it into the files to write. Throws a sentence that says what is wrong.
 */
export function paintingFiles(
  message: Extract<PainterMessage, { type: 'save' }>,
  mode: PainterMode,
  image: { width: number; height: number },
): PaintingFiles {
  if (message.width !== image.width || message.height !== image.height) {
    throw new Error(
      `the painting is ${message.width}x${message.height}, the image ${image.width}x${image.height}`,
    );
  }
  const coverage =
    message.coverage === undefined
      ? undefined
      : new Uint8Array(Buffer.from(message.coverage, 'base64'));
  const maskPng =
    coverage && paintedPixelCount(coverage) > 0
      ? encodeMaskPng(image.width, image.height, coverage)
      : undefined;
  if (mode === 'mask') {
    if (!maskPng) throw new Error('nothing is painted yet');
    return { maskPng };
  }
  if (message.markup === undefined) throw new Error('nothing is drawn yet');
  const markupPng = new Uint8Array(Buffer.from(message.markup, 'base64'));
  const sniffed = sniffImage(markupPng);
  if (sniffed?.mediaType !== 'image/png') throw new Error('the marked-up image is not a PNG');
  if (sniffed.width !== image.width || sniffed.height !== image.height) {
    throw new Error(
      `the marked-up image is ${sniffed.width}x${sniffed.height}, the image ${image.width}x${image.height}`,
    );
  }
  return { markupPng, ...(maskPng ? { maskPng } : {}) };
}
