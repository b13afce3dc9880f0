import { sanitizeServerText } from '@retouch/core/http';

/** What one chat answer (a message, or a stream's accumulated deltas) holds for an edit. */
export interface ChatMessageContent {
  /** The model's words without the images: kept as the revised prompt, quoted in errors. */
  text: string;
  /** Image URLs in answer order: data URLs, or http(s) URLs to download. */
  imageUrls: string[];
}

/** More images than any edit asks for means a broken or hostile answer; the rest are ignored. */
export const maxImagesPerAnswer = 16;
const maxKeptText = 4000;
const maxAltText = 300;

const bareDataUrl = /data:image\/[a-z0-9.+-]{1,40};base64,[a-z0-9+/]+={0,2}/gi;

/**
 * Reads a chat message the ways gateways write images: `images[].image_url.url` (OpenRouter,
 * Vercel), `image_url` parts in a content array, markdown image links or bare data URLs in a
 * content string. Scans in linear time, so no answer can stall it.
 */
export function readChatMessage(message: unknown): ChatMessageContent {
  const imageUrls: string[] = [];
  const texts: string[] = [];
  const add = (url: unknown) => {
    if (typeof url === 'string' && imageUrls.length < maxImagesPerAnswer) imageUrls.push(url);
  };
  if (typeof message !== 'object' || message === null) return { text: '', imageUrls };
  const { images, content } = message as { images?: unknown; content?: unknown };
  if (Array.isArray(images)) {
    for (const image of images.slice(0, maxImagesPerAnswer)) add(imageUrlOf(image));
  }
  if (typeof content === 'string') readContentText(content, texts, add);
  else if (Array.isArray(content)) {
    for (const part of content.slice(0, 1000)) {
      const { type, text } = (part ?? {}) as { type?: unknown; text?: unknown };
      if (type === 'text' && typeof text === 'string') readContentText(text, texts, add);
      else if (type === 'image_url' || type === 'output_image' || type === 'image') {
        add(imageUrlOf(part));
      }
    }
  }
  return { text: cleanText(texts.join('\n')), imageUrls };
}

/** `{ image_url: { url } }`, `{ image_url: "…" }` or `{ url }`. */
function imageUrlOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const { image_url, url } = value as { image_url?: unknown; url?: unknown };
  if (typeof image_url === 'string') return image_url;
  if (typeof image_url === 'object' && image_url !== null)
    return (image_url as { url?: unknown }).url;
  return url;
}

/** Takes markdown images and bare data URLs out of `text`, leaving the words. */
function readContentText(text: string, texts: string[], add: (url: string) => void): void {
  const kept: string[] = [];
  let from = 0;
  for (const link of markdownImages(text)) {
    kept.push(text.slice(from, link.start));
    add(link.url);
    from = link.end;
  }
  kept.push(text.slice(from));
  const words = kept.join('').replace(bareDataUrl, (url) => {
    add(url);
    return '';
  });
  texts.push(words);
}

/**
 * `![alt](url "title")` links whose url is a data URL or http(s). Positions only move forward and
 * the next `](` and `)` are found once each, so the scan is linear in the text's length.
 */
function* markdownImages(text: string): Generator<{ start: number; end: number; url: string }> {
  let at = 0;
  let nextBracket = -2;
  let nextParen = -2;
  while (true) {
    const start = text.indexOf('![', at);
    if (start === -1) return;
    if (nextBracket < start + 2) nextBracket = text.indexOf('](', start + 2);
    if (nextBracket === -1) return;
    if (nextBracket - start - 2 > maxAltText) {
      at = start + 2;
      continue;
    }
    if (nextParen < nextBracket + 2) nextParen = text.indexOf(')', nextBracket + 2);
    if (nextParen === -1) return;
    const target = text.slice(nextBracket + 2, nextParen).trim();
    const url = (target.split(/\s/, 1)[0] ?? '').replace(/^<|>$/g, '');
    if (/^(data:image\/|https?:\/\/)/i.test(url)) yield { start, end: nextParen + 1, url };
    at = nextParen + 1;
  }
}

/** True when `text` holds escape, control or bidi characters: not fit for an id shown to people. */
export function hasUnsafeCharacters(text: string): boolean {
  return sanitizeServerText(text, { singleLine: true }) !== text;
}

/** Server text made safe to show: no control characters, trimmed, and not endless. */
export function cleanText(text: string): string {
  const clean = sanitizeServerText(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clean.length > maxKeptText ? `${clean.slice(0, maxKeptText)}…` : clean;
}
