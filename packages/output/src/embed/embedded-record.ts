import { embedJpegRecord, jpegHasContentCredentials, readJpegRecord } from './jpeg-record.js';
import { embedPngRecord, pngHasContentCredentials, readPngRecord } from './png-record.js';
import { embedWebpRecord, readWebpRecord, webpHasContentCredentials } from './webp-record.js';

export type EmbedOutcome =
  | { embedded: true; data: Uint8Array }
  | {
      embedded: false;
      reason: string;
      /** The image carries its provider's Content Credentials, so its bytes must stay as sent. */
      signed?: true;
    };

/**
 * The image with the record inside its own metadata (PNG iTXt, JPEG and WebP XMP), pixels
 * untouched. An image that carries Content Credentials (C2PA) is left byte for byte as the
 * provider signed it, since any change would invalidate them; so is a format without a place for
 * the record (GIF) or a file that cannot be parsed. The caller then keeps the record elsewhere:
 * a signed image's in the `.retouch/` store, any other's in a sidecar.
 */
export function embedRecord(data: Uint8Array, mediaType: string, json: string): EmbedOutcome {
  let embedded: Uint8Array | undefined;
  switch (mediaType) {
    case 'image/png':
      if (pngHasContentCredentials(data)) return contentCredentials;
      embedded = embedPngRecord(data, json);
      break;
    case 'image/jpeg':
      if (jpegHasContentCredentials(data)) return contentCredentials;
      embedded = embedJpegRecord(data, json);
      break;
    case 'image/webp':
      if (webpHasContentCredentials(data)) return contentCredentials;
      embedded = embedWebpRecord(data, json);
      break;
    default:
      return { embedded: false, reason: `${mediaType} has no metadata block for the record` };
  }
  return embedded
    ? { embedded: true, data: embedded }
    : { embedded: false, reason: 'its metadata could not be parsed or the record did not fit' };
}

const contentCredentials: EmbedOutcome = {
  embedded: false,
  signed: true,
  reason: "it carries the provider's Content Credentials (C2PA), which any change would break",
};

/** The record's JSON text from an image's metadata (or its first bytes), if it holds one. */
export function readEmbeddedRecord(bytes: Uint8Array): string | undefined {
  return readPngRecord(bytes) ?? readJpegRecord(bytes) ?? readWebpRecord(bytes);
}
