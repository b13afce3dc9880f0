/** Where one result image is: a URL (http(s) or data:) or inline base64. */
export type ResultImageSource =
  | { url: string; mediaType?: string; revisedPrompt?: string }
  | { base64: string; mediaType?: string; revisedPrompt?: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The images in a queue result, whichever shape the server chose: fal's `images[].url` and
 * `image.url`, OpenAI's `data[].b64_json | url`, bare strings, and data URIs in any of them.
 * A result wrapped in `response`/`output` (some gateways) is unwrapped first.
 */
export function findResultImages(json: unknown): ResultImageSource[] {
  if (!isObject(json)) return [];
  const found = [
    ...listOf(json.images),
    ...listOf(json.image),
    ...listOf(json.data),
    ...listOf(json.output),
  ]
    .map(toSource)
    .filter((source): source is ResultImageSource => source !== undefined);
  if (found.length > 0) return found;
  for (const wrapper of [json.response, json.result, json.output]) {
    if (isObject(wrapper)) {
      const inner = findResultImages(wrapper);
      if (inner.length > 0) return inner;
    }
  }
  return [];
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function toSource(item: unknown): ResultImageSource | undefined {
  if (typeof item === 'string') return looksLikeUrl(item) ? { url: item } : undefined;
  if (!isObject(item)) return undefined;
  const mediaType = text(item.content_type) ?? text(item.mime_type) ?? text(item.media_type);
  const revisedPrompt = text(item.revised_prompt);
  const extra = {
    ...(mediaType === undefined ? {} : { mediaType }),
    ...(revisedPrompt === undefined ? {} : { revisedPrompt }),
  };
  const base64 = text(item.b64_json) ?? text(item.base64);
  if (base64) return { base64, ...extra };
  const url = text(item.url);
  if (url && looksLikeUrl(url)) return { url, ...extra };
  return undefined;
}

function looksLikeUrl(value: string): boolean {
  return /^(https?:|data:)/i.test(value);
}
