import type { ImageMediaType } from '../contract/capabilities.js';
import { RetouchError } from '../errors/retouch-error.js';
import { checkImageComplete } from '../inputs/check-image-complete.js';
import { sniffImage } from '../inputs/sniff-image.js';
import { formatBytes } from './format-bytes.js';
import type { HttpClient } from './http-client.js';
import type { HttpResponse } from './http-response.js';
import { readHttpError } from './read-http-error.js';
import { redactSecrets, redactUrl } from './redact.js';
import { checkResultUrl, type ResolveHost } from './result-url-rules.js';

export interface GuardedDownloadOptions {
  client: HttpClient;
  provider: string;
  maxBytes: number;
  signal?: AbortSignal;
  /** May include Authorization, api-key, x-api-key …: see `authOrigin`. */
  headers?: Record<string, string>;
  /** Credential headers are sent only to this origin, re-checked on every redirect. */
  authOrigin?: string;
  /** Default 5. */
  maxRedirects?: number;
  /** The configuration key that raises `maxBytes`, named in the error, e.g. `maxDownloadBytes`. */
  maxBytesSetting?: string;
  /**
   * For a URL a provider's answer named: the endpoint's own origin (and any the user trusts).
   * Every hop must then be on one of them, or be https on a public address (see
   * `checkResultUrl`). Leave it out only for a URL the user gave.
   */
  endpointOrigins?: readonly string[];
  /** For tests: how host names resolve. */
  resolveHost?: ResolveHost;
}

export interface GuardedDownloadResult {
  bytes: Uint8Array;
  /** From the bytes themselves, not from the server's say-so. */
  mediaType: ImageMediaType;
  /** The URL the image finally came from, after redirects. */
  url: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const credentialHeaderNames =
  /authorization|cookie|key|token|secret|session|signature|credential|password/i;
/** Storage services often serve images untyped; the bytes are checked either way. */
const untypedContentTypes = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const mediaTypeAliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};

/**
 * Downloads an image a provider pointed to, without trusting the pointer: http(s) only, redirects
 * followed by hand with each hop re-checked, credentials never sent to another origin, a size cap
 * enforced before and while reading, and the bytes required to be the image type claimed.
 */
export async function guardedDownload(
  url: string,
  options: GuardedDownloadOptions,
): Promise<GuardedDownloadResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const secrets = credentialValues(options.headers ?? {});
  const fail = (message: string): RetouchError =>
    new RetouchError({
      code: 'invalid_response',
      retryable: false,
      provider: options.provider,
      message: redactSecrets(message, secrets),
    });

  if (url.startsWith('data:')) return decodeDataImage(url, options.maxBytes, fail);

  let current = url;
  for (let redirects = 0; ; redirects++) {
    const target = parseDownloadUrl(current, options.provider, fail);
    if (options.endpointOrigins) {
      const refusal = await checkResultUrl(target, options.endpointOrigins, options.resolveHost);
      if (refusal) {
        const hop = redirects > 0 ? ' (where a redirect pointed)' : '';
        throw new RetouchError({
          code: 'invalid_response',
          retryable: false,
          provider: options.provider,
          issues: [{ field: 'url', message: refusal.rule }],
          message: redactSecrets(
            `Refused to download the ${options.provider} result from ${redactUrl(target.href)}${hop}: ${refusal.reason} (rule: ${refusal.rule}).`,
            secrets,
          ),
        });
      }
    }
    const response = await options.client.request({
      method: 'GET',
      url: target.href,
      headers: headersFor(target, options),
      signal: options.signal,
    });

    if (redirectStatuses.has(response.status)) {
      await response.body.cancel();
      const location = response.headers.get('location');
      if (!location)
        throw fail(
          `${options.provider} sent a redirect without a location for ${redactUrl(target.href)}.`,
        );
      if (redirects >= maxRedirects) {
        throw fail(
          `Gave up downloading the ${options.provider} result after ${maxRedirects} redirects (last: ${redactUrl(target.href)}).`,
        );
      }
      current = new URL(location, target).href;
      continue;
    }
    if (!response.ok) throw await readHttpError(response, { provider: options.provider, secrets });

    const declared = declaredMediaType(response);
    const where = redactUrl(target.href);
    if (!declared.startsWith('image/') && !untypedContentTypes.has(declared)) {
      await response.body.cancel();
      throw fail(
        `The ${options.provider} result at ${where} is not an image (content-type ${declared}).`,
      );
    }
    const bytes = await readCapped(response, options.maxBytes, () =>
      fail(
        `The ${options.provider} result at ${where} is larger than ${formatBytes(options.maxBytes)}, the download limit${options.maxBytesSetting ? ` (${options.maxBytesSetting} in the provider's configuration)` : ''}.`,
      ),
    );
    const subject = `The ${options.provider} result at ${where}`;
    const mediaType = checkImage(bytes, declared, subject, fail);
    const incomplete = checkImageComplete(bytes);
    if (incomplete !== undefined) {
      // Retryable: a download cut short is a transport failure, and fetching it again is cheap.
      throw new RetouchError({
        code: 'invalid_response',
        retryable: true,
        provider: options.provider,
        message: redactSecrets(`${subject} is incomplete: ${incomplete}. Try again.`, secrets),
      });
    }
    return { bytes, mediaType, url: target.href };
  }
}

function parseDownloadUrl(
  value: string,
  provider: string,
  fail: (message: string) => RetouchError,
): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw fail(
      `${provider} returned an image URL that is not valid: "${redactUrl(value).slice(0, 200)}".`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw fail(
      `Refusing to download a ${provider} result from ${parsed.protocol} — only http and https URLs are fetched.`,
    );
  }
  return parsed;
}

function headersFor(target: URL, options: GuardedDownloadOptions): Record<string, string> {
  const trusted =
    options.authOrigin !== undefined && originOf(options.authOrigin) === target.origin;
  const headers: Record<string, string> = { accept: 'image/*' };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (trusted || !credentialHeaderNames.test(name)) headers[name] = value;
  }
  return headers;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** "Bearer sk-…" must be redacted as the key alone too, wherever a server echoes it. */
function credentialValues(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => credentialHeaderNames.test(name))
    .flatMap(([, value]) => [value, ...value.split(/\s+/)]);
}

function declaredMediaType(response: HttpResponse): string {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaTypeAliases[type] ?? type;
}

async function readCapped(
  response: HttpResponse,
  maxBytes: number,
  tooLarge: () => RetouchError,
): Promise<Uint8Array> {
  const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  // Servers may omit or understate the length, so the cap also holds while reading.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function checkImage(
  bytes: Uint8Array,
  declared: string,
  subject: string,
  fail: (message: string) => RetouchError,
): ImageMediaType {
  const sniffed = sniffImage(bytes);
  if (!sniffed) throw fail(`${subject} is not a PNG, JPEG, WebP or GIF image.`);
  if (declared.startsWith('image/') && declared !== sniffed.mediaType) {
    throw fail(`${subject} claims to be ${declared} but its bytes are ${sniffed.mediaType}.`);
  }
  return sniffed.mediaType;
}

function decodeDataImage(
  uri: string,
  maxBytes: number,
  fail: (message: string) => RetouchError,
): GuardedDownloadResult {
  const comma = uri.indexOf(',');
  if (comma === -1)
    throw fail('The result is a malformed data URI: expected data:<type>;base64,<data>.');
  const meta = uri.slice(5, comma).toLowerCase();
  const payload = uri.slice(comma + 1);
  const isBase64 = meta.endsWith(';base64');
  const declared = (meta.split(';')[0] ?? '').trim();
  const normalized = mediaTypeAliases[declared] ?? declared;
  if (!normalized.startsWith('image/') && !untypedContentTypes.has(normalized)) {
    throw fail(`The result is a data URI of type ${declared}, not an image.`);
  }
  // Checked before decoding, so an oversized data URI never costs a second copy in memory.
  const estimatedBytes = isBase64 ? Math.floor((payload.length * 3) / 4) - 2 : payload.length / 3;
  if (estimatedBytes > maxBytes)
    throw fail(`The result is larger than ${formatBytes(maxBytes)}, the download limit.`);
  const bytes = isBase64
    ? new Uint8Array(Buffer.from(payload, 'base64'))
    : new Uint8Array(Buffer.from(decodeURIComponent(payload), 'latin1'));
  if (bytes.byteLength > maxBytes)
    throw fail(`The result is larger than ${formatBytes(maxBytes)}, the download limit.`);
  return { bytes, mediaType: checkImage(bytes, normalized, 'The data URI result', fail), url: uri };
}
