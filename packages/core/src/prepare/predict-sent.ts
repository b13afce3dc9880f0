import type { ImageFile } from '../contract/image-file.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { type PrepareCapabilities, planInput } from './plan-input.js';

const encodeTypes = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/**
 * What an input will look like once prepared, from its header alone: the type it will be sent
 * as, its upright size after shrinking, and a size within the model's limit when re-encoding is
 * what brings it there (the real bytes are checked again after preparing). Validation runs on
 * these, so a request the model would refuse fails before any pixel is decoded, and a dry run
 * decodes nothing.
 */
export function predictSent(read: ReadImage, caps: PrepareCapabilities): ImageFile {
  const { file } = read;
  const plan = planInput({ ...file, ...read, hasAlpha: read.hasAlpha }, caps);
  if (!plan) return file;
  const swap = read.orientation !== undefined && read.orientation >= 5;
  let width = swap ? file.height : file.width;
  let height = swap ? file.width : file.height;
  if (plan.maxEdge !== undefined) {
    const scale = plan.maxEdge / Math.max(width, height);
    width = Math.max(1, Math.round(width * scale));
    height = Math.max(1, Math.round(height * scale));
  }
  const view: ImageFile = {
    filename: file.filename,
    mediaType: encodeTypes[plan.format],
    width,
    height,
    size: Math.min(file.size, caps.maxInputBytes),
    stream: () => file.stream(),
    bytes: () => file.bytes(),
  };
  return view;
}
