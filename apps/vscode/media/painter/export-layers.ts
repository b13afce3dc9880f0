/** One byte per pixel, 255 where the mask is painted, as base64 for the extension to encode. */
export function maskCoverageBase64(context: CanvasRenderingContext2D): string {
  const { width, height } = context.canvas;
  const rgba = context.getImageData(0, 0, width, height).data;
  const coverage = new Uint8Array(width * height);
  for (let i = 0; i < coverage.length; i++) coverage[i] = rgba[i * 4 + 3]! >= 128 ? 255 : 0;
  return bytesToBase64(coverage);
}

export function maskHasPaint(context: CanvasRenderingContext2D): boolean {
  const { width, height } = context.canvas;
  const alpha = context.getImageData(0, 0, width, height).data;
  for (let i = 3; i < alpha.length; i += 4) if (alpha[i]! >= 128) return true;
  return false;
}

/**
 * The source image with the marks drawn on it, at the image's own pixel size, as a base64 PNG.
 * Marks are made crisp (every pixel fully a mark colour or untouched), so no half-blended
 * fringe is left for a model to mistake for the picture, and every other pixel is the source's.
 */
export async function flattenedMarkupBase64(
  image: HTMLImageElement,
  marks: HTMLCanvasElement,
): Promise<string> {
  const { width, height } = marks;
  const flat = document.createElement('canvas');
  flat.width = width;
  flat.height = height;
  const context = flat.getContext('2d')!;
  context.drawImage(await undecoratedBitmap(image), 0, 0, width, height);

  const layer = marks.getContext('2d')!.getImageData(0, 0, width, height);
  const pixels = layer.data;
  for (let i = 3; i < pixels.length; i += 4) pixels[i] = pixels[i]! >= 128 ? 255 : 0;
  const crisp = document.createElement('canvas');
  crisp.width = width;
  crisp.height = height;
  crisp.getContext('2d')!.putImageData(layer, 0, 0);
  context.drawImage(crisp, 0, 0);

  const blob = await new Promise<Blob>((resolve, reject) =>
    flat.toBlob(
      (png) => (png ? resolve(png) : reject(new Error('the image could not be encoded'))),
      'image/png',
    ),
  );
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/**
 * The marks alone on a transparent layer of the image's size, as a base64 PNG: what a model that
 * takes markup as its own layer (gpt-image-2.6) gets beside the untouched image. Marks are crisp,
 * as in the flattened copy: every pixel fully a mark or fully transparent.
 */
export async function markupLayerBase64(marks: HTMLCanvasElement): Promise<string> {
  const { width, height } = marks;
  const layer = marks.getContext('2d')!.getImageData(0, 0, width, height);
  const pixels = layer.data;
  for (let i = 3; i < pixels.length; i += 4) pixels[i] = pixels[i]! >= 128 ? 255 : 0;
  const crisp = document.createElement('canvas');
  crisp.width = width;
  crisp.height = height;
  crisp.getContext('2d')!.putImageData(layer, 0, 0);
  const blob = await new Promise<Blob>((resolve, reject) =>
    crisp.toBlob(
      (png) => (png ? resolve(png) : reject(new Error('the marks could not be encoded'))),
      'image/png',
    ),
  );
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** The image's pixels as decoded, without colour-space conversion, so unmarked pixels stay exact. */
async function undecoratedBitmap(image: HTMLImageElement): Promise<CanvasImageSource> {
  try {
    return await createImageBitmap(image, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch {
    return image;
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
