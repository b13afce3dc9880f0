import { aspectRatios, type GeminiImageModel } from './gemini-models.js';

/** A request the Gemini API would refuse with 400 INVALID_ARGUMENT. */
export class GenerateRequestError extends Error {}

export interface GenerateEditRequest {
  /** The user's text, without the mask instruction. */
  prompt: string;
  images: Buffer[];
  mask?: Buffer;
  wantsImage: boolean;
  wantsText: boolean;
  aspectRatio?: string;
  imageSize?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Proto JSON accepts both spellings of a field: `inlineData` and `inline_data`. */
function field(object: Json, camel: string): unknown {
  if (camel in object) return object[camel];
  return object[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

const fail = (message: string): never => {
  throw new GenerateRequestError(message);
};

interface Part {
  kind: 'text' | 'image';
  text?: string;
  bytes?: Buffer;
}

const maxInlineBytes = 20 * 1024 * 1024;
const imageTypes = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif']);

function readParts(contents: unknown[]): Part[] {
  const parts: Part[] = [];
  contents.forEach((content, index) => {
    if (!isObject(content))
      fail(`Invalid JSON payload received. contents[${index}] must be an object.`);
    const role = field(content as Json, 'role');
    if (role !== undefined && role !== 'user') return;
    const list = field(content as Json, 'parts');
    if (!Array.isArray(list))
      fail(`* GenerateContentRequest.contents[${index}].parts: must be a list`);
    for (const [at, part] of (list as unknown[]).entries()) {
      const where = `contents[${index}].parts[${at}]`;
      if (!isObject(part)) fail(`Invalid JSON payload received. ${where} must be an object.`);
      const text = field(part as Json, 'text');
      const inline = field(part as Json, 'inlineData');
      if (typeof text === 'string') parts.push({ kind: 'text', text });
      else if (isObject(inline)) {
        const mimeType = field(inline, 'mimeType');
        const data = field(inline, 'data');
        if (typeof mimeType !== 'string' || typeof data !== 'string') {
          fail(`* GenerateContentRequest.${where}.inline_data: mime_type and data are required`);
        }
        if (!imageTypes.has((mimeType as string).toLowerCase())) {
          fail(`Unsupported MIME type: ${mimeType}`);
        }
        const bytes = Buffer.from(data as string, 'base64');
        if (bytes.length > maxInlineBytes) {
          fail(`* GenerateContentRequest.${where}.inline_data: the inline image is over 20 MB`);
        }
        parts.push({ kind: 'image', bytes });
      } else if (field(part as Json, 'fileData') !== undefined) {
        fail(
          `* GenerateContentRequest.${where}.file_data: retouch-emulator takes inline images only`,
        );
      } else fail(`* GenerateContentRequest.${where}: a part needs text or inline_data`);
    }
  });
  return parts;
}

/**
 * Gemini has no mask field: a client sends it as one more image, telling the model in the text
 * part right before it. The last image is the mask when that text mentions "mask" and another
 * image comes first.
 */
function maskAt(parts: Part[]): number | undefined {
  const last = parts.findLastIndex((part) => part.kind === 'image');
  const before = parts[last - 1];
  const imagesBefore = parts.slice(0, last).some((part) => part.kind === 'image');
  return last > 0 && before?.kind === 'text' && /\bmask\b/i.test(before.text ?? '') && imagesBefore
    ? last
    : undefined;
}

/** Parses a `generateContent` body (camelCase or snake_case) into an image edit. */
export function parseGenerateRequest(body: Buffer, model: GeminiImageModel): GenerateEditRequest {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    fail('Invalid JSON payload received. Unexpected token.');
  }
  if (!isObject(value)) fail('Invalid JSON payload received. Expected an object.');
  const request = value as Json;
  const contents = field(request, 'contents');
  if (!Array.isArray(contents) || contents.length === 0) {
    fail('* GenerateContentRequest.contents: contents is not specified');
  }
  const config = field(request, 'generationConfig') ?? {};
  if (!isObject(config))
    fail('Invalid JSON payload received. generation_config must be an object.');
  const candidateCount = field(config as Json, 'candidateCount');
  if (candidateCount !== undefined && candidateCount !== 1) {
    fail(`Multiple candidates is not enabled for models/${model.name}`);
  }
  const modalities = field(config as Json, 'responseModalities');
  const wanted = Array.isArray(modalities)
    ? modalities.map((m) => String(m).toUpperCase())
    : ['TEXT', 'IMAGE'];
  for (const modality of wanted) {
    if (!['TEXT', 'IMAGE'].includes(modality)) {
      fail(
        `* GenerateContentRequest.generation_config.response_modalities: ${modality} is not supported by this model`,
      );
    }
  }
  const imageConfig = field(config as Json, 'imageConfig') ?? {};
  if (!isObject(imageConfig))
    fail('Invalid JSON payload received. image_config must be an object.');
  const aspectRatio = field(imageConfig as Json, 'aspectRatio');
  const imageSize = field(imageConfig as Json, 'imageSize');
  if (aspectRatio !== undefined && !aspectRatios.includes(aspectRatio as never)) {
    fail(
      `* GenerateContentRequest.generation_config.image_config.aspect_ratio: unsupported aspect ratio ${String(aspectRatio)}; use one of ${aspectRatios.join(', ')}`,
    );
  }
  if (imageSize !== undefined) {
    if (!model.imageSizes) fail(`Image size is not supported for models/${model.name}.`);
    if (!['1K', '2K', '4K'].includes(imageSize as string)) {
      fail(
        `* GenerateContentRequest.generation_config.image_config.image_size: unsupported image size ${String(imageSize)}; use 1K, 2K or 4K`,
      );
    }
  }

  const parts = readParts(contents as unknown[]);
  const mask = maskAt(parts);
  const images = parts
    .filter((part, at) => part.kind === 'image' && at !== mask)
    .map((part) => part.bytes!);
  if (images.length > model.maxInputImages) {
    fail(
      `Too many images: models/${model.name} accepts at most ${model.maxInputImages} input images.`,
    );
  }
  const prompt = parts
    .filter((part, at) => part.kind === 'text' && at !== (mask ?? 0) - 1)
    .map((part) => part.text!.trim())
    .filter(Boolean)
    .join('\n');
  if (!prompt) fail('* GenerateContentRequest.contents: the user turn has no text');
  return {
    prompt,
    images,
    ...(mask === undefined ? {} : { mask: parts[mask]!.bytes! }),
    wantsImage: wanted.includes('IMAGE'),
    wantsText: wanted.includes('TEXT'),
    ...(typeof aspectRatio === 'string' ? { aspectRatio } : {}),
    ...(typeof imageSize === 'string' ? { imageSize } : {}),
  };
}
