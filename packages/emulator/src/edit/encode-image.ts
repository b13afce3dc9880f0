import { type RawImage, rawSharp } from './raw-image.js';

export type OutputFormat = 'png' | 'jpeg' | 'webp';

/**
 * Encodes with fixed options so the same pixels always give the same bytes. `compression`
 * is OpenAI's `output_compression` (100 = best quality); webp at 100 is lossless.
 */
export function encodeImage(
  image: RawImage,
  format: OutputFormat,
  compression: number,
  opaque: boolean,
): Promise<Buffer> {
  let pipeline = rawSharp(image);
  if (opaque || format === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
  const quality = Math.min(100, Math.max(1, Math.round(compression)));
  if (format === 'jpeg') {
    return pipeline.jpeg({ quality, chromaSubsampling: '4:4:4', mozjpeg: false }).toBuffer();
  }
  if (format === 'webp') {
    return pipeline.webp(quality >= 100 ? { lossless: true } : { quality }).toBuffer();
  }
  return pipeline.png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer();
}
