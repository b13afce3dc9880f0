import type { InputMediaType, ModelCapabilities } from '../contract/capabilities.js';
import type { EncodeFormat } from '../image/codec-types.js';

/** What the engine knows about an input before decoding it (from its header). */
export interface InputFacts {
  mediaType: InputMediaType;
  width: number;
  height: number;
  size: number;
  orientation?: number;
  hasAlpha?: boolean;
  bitDepth?: number;
}

/**
 * Why an input is re-encoded. `convert`, `orient` and `too-large` are needed for the model to take
 * the input as the user sees it; `shrink` only saves bytes, so it is dropped when it does not.
 */
export type PrepareReason = 'convert' | 'orient' | 'shrink' | 'too-large';

export interface InputPlan {
  reasons: PrepareReason[];
  format: EncodeFormat;
  /** Shrink to this longest edge (never enlarge). */
  maxEdge?: number;
}

export type PrepareCapabilities = Pick<
  ModelCapabilities,
  'inputMediaTypes' | 'maxInputBytes' | 'maxUsefulInputEdge'
>;

// Sources that were lossy already go back as high-quality JPEG; lossless ones stay lossless.
const photoTypes = new Set<InputMediaType>([
  'image/jpeg',
  'image/heic',
  'image/heif',
  'image/avif',
  'image/tiff',
]);
const encodeTypes: Record<EncodeFormat, InputMediaType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Whether and how to re-encode one input for a model; undefined when it goes as it is. */
export function planInput(facts: InputFacts, caps: PrepareCapabilities): InputPlan | undefined {
  const reasons: PrepareReason[] = [];
  const accepted = caps.inputMediaTypes.includes(facts.mediaType) && facts.bitDepth !== 16;
  if (!accepted) reasons.push('convert');
  if (facts.orientation !== undefined && facts.orientation !== 1) reasons.push('orient');
  const edge = Math.max(facts.width, facts.height);
  const maxEdge = caps.maxUsefulInputEdge;
  if (maxEdge !== undefined && edge > maxEdge) reasons.push('shrink');
  if (facts.size > caps.maxInputBytes) reasons.push('too-large');
  if (reasons.length === 0) return undefined;
  return {
    reasons,
    format: encodeFormat(facts, caps),
    ...(maxEdge !== undefined && edge > maxEdge ? { maxEdge } : {}),
  };
}

function encodeFormat(facts: InputFacts, caps: PrepareCapabilities): EncodeFormat {
  const preferred: EncodeFormat[] = facts.hasAlpha
    ? ['png', 'webp']
    : photoTypes.has(facts.mediaType) || facts.mediaType === 'image/webp'
      ? ['jpeg', 'webp', 'png']
      : ['png', 'webp', 'jpeg'];
  return preferred.find((format) => caps.inputMediaTypes.includes(encodeTypes[format])) ?? 'png';
}
