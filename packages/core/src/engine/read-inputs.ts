import type { EditImageRequest, ImageInput } from '../contract/edit-request.js';
import type { ImageFile } from '../contract/image-file.js';
import { isRetouchError, type RequestIssue } from '../errors/retouch-error.js';
import { type ReadImage, readImage } from '../inputs/read-image-input.js';

export interface ReadInputs {
  /** The images that could be read, in order. */
  files: ImageFile[];
  /** The same images with what their headers told (orientation, alpha, bit depth). */
  read: ReadImage[];
  /** The first image, when it could be read (the mask must match it). */
  first: ImageFile | undefined;
  mask: ReadImage | undefined;
  markup: ReadImage | undefined;
  /** Inputs that are missing or not images, to report with every other problem at once. */
  issues: RequestIssue[];
  /** How many images the request named, readable or not. */
  requested: number;
}

/** Reads every input concurrently; a bad input becomes an issue, anything else (abort, network) throws. */
export async function readInputs(
  request: Pick<EditImageRequest, 'images' | 'mask' | 'markup' | 'maxDownloadBytes'>,
  signal: AbortSignal,
): Promise<ReadInputs> {
  const inputs = Array.isArray(request.images) ? request.images : [request.images as ImageInput];
  const options = { signal, maxDownloadBytes: request.maxDownloadBytes };
  const fields = inputs.map((_, i) => `images[${i}]`);
  const extras = (['mask', 'markup'] as const).filter((name) => request[name] !== undefined);
  const all = [...inputs, ...extras.map((name) => request[name] as ImageInput)];
  fields.push(...extras);
  const settled = await Promise.allSettled(
    all.map((input, i) => readImage(input, { ...options, field: fields[i] })),
  );
  const issues: RequestIssue[] = [];
  const read: (ReadImage | undefined)[] = settled.map((outcome, i) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    const error = outcome.reason;
    if (!isRetouchError(error) || error.code !== 'invalid_request') throw error;
    const field = fields[i]!;
    // Issues print as "field message", so a message that opens with the field drops it.
    const message = error.message.startsWith(`${field} `)
      ? error.message.slice(field.length + 1)
      : error.message;
    issues.push({ field, message });
    return undefined;
  });
  const images = read.slice(0, inputs.length);
  return {
    files: images.filter((image) => image !== undefined).map((image) => image.file),
    read: images.filter((image) => image !== undefined),
    first: images[0]?.file,
    mask: extras.includes('mask') ? read[inputs.length] : undefined,
    markup: extras.includes('markup') ? read[inputs.length + extras.indexOf('markup')] : undefined,
    issues,
    requested: inputs.length,
  };
}
