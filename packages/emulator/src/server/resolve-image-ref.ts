import { isIP } from 'node:net';
import { EditInputError } from '../edit/edit-input-error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for hosts that can only be this machine: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost')) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Turns an image reference into bytes: a base64 data URL, or an http(s) URL on loopback (the
 * emulator never reaches beyond this machine). `maxBytes` caps the size of each image.
 */
export async function resolveImageRef(
  ref: string,
  param: string,
  maxBytes: number,
): Promise<Buffer> {
  if (ref.startsWith('data:')) {
    const comma = ref.indexOf(',');
    const meta = ref.slice(5, comma < 0 ? 5 : comma);
    if (comma < 0 || !/;base64$/i.test(meta)) {
      throw new EditInputError(
        `Invalid '${param}': expected a base64 data URL (data:image/png;base64,…).`,
        param,
        'invalid_image_url',
      );
    }
    const bytes = Buffer.from(ref.slice(comma + 1), 'base64');
    if (bytes.length > maxBytes) {
      throw new EditInputError(
        `Invalid '${param}': the image is larger than ${maxBytes} bytes.`,
        param,
        'file_too_large',
      );
    }
    return bytes;
  }
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    throw new EditInputError(
      `Invalid '${param}': not a URL or a data URL.`,
      param,
      'invalid_image_url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EditInputError(
      `Invalid '${param}': only http(s) and data URLs are supported.`,
      param,
      'invalid_image_url',
    );
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new EditInputError(
      `Invalid '${param}': the emulator only downloads images from loopback addresses, not ${url.hostname}. Send a data URL instead.`,
      param,
      'invalid_image_url',
    );
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'error' });
  } catch (error) {
    throw new EditInputError(
      `Invalid '${param}': could not download ${url.href} (${(error as Error).message}).`,
      param,
      'image_download_failed',
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new EditInputError(
      `Invalid '${param}': downloading ${url.href} answered HTTP ${response.status}.`,
      param,
      'image_download_failed',
    );
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxBytes) {
    throw new EditInputError(
      `Invalid '${param}': the image is larger than ${maxBytes} bytes.`,
      param,
      'file_too_large',
    );
  }
  return bytes;
}
