import { RetouchError } from '../errors/retouch-error.js';

/** Decodes a `data:` URI (base64 or percent-encoded) to its bytes. */
export function decodeDataUri(uri: string, field: string): Uint8Array {
  const comma = uri.indexOf(',');
  if (comma < 0) {
    throw new RetouchError({
      code: 'invalid_request',
      message: `${field} is a malformed data URI: expected data:<type>;base64,<data>.`,
      issues: [{ field, message: 'malformed data URI' }],
    });
  }
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  if (/;base64$/i.test(meta)) return new Uint8Array(Buffer.from(payload, 'base64'));
  return new Uint8Array(Buffer.from(decodeURIComponent(payload), 'latin1'));
}
