import type { InputMediaType } from '../contract/capabilities.js';

/** An image on disk (read by the codec as it goes, never whole) or bytes in memory. */
export type ImageSource = Uint8Array | { path: string };

export interface ImageInfo {
  mediaType: InputMediaType;
  /** As stored, before the orientation is applied. */
  width: number;
  height: number;
  /** EXIF orientation 1–8; 1 when absent. 5–8 swap width and height when applied. */
  orientation: number;
  /** The size a viewer shows, with the orientation applied. */
  uprightWidth: number;
  uprightHeight: number;
  hasAlpha: boolean;
  /** Bits per channel sample: 8, or 16 for deep PNG/TIFF. */
  bitDepth: number;
  /** Frames in an animated GIF/WebP or a multi-page TIFF; 1 otherwise. */
  pages: number;
}

/** Interleaved 8-bit pixels: 3 channels (RGB) or 4 (RGBA). */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

export type EncodeFormat = 'jpeg' | 'png' | 'webp';

export interface EncodeOptions {
  format: EncodeFormat;
  /** 1–100 for jpeg and webp; ignored for png (always lossless). Default 90. */
  quality?: number;
}

export interface TranscodeOptions extends EncodeOptions {
  /** Shrink (never enlarge) so the longer edge is at most this. */
  maxEdge?: number;
  /** Exact output size, overriding `maxEdge` (used to scale a mask with its image). */
  width?: number;
  height?: number;
}

export interface Transcoded {
  data: Uint8Array;
  width: number;
  height: number;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
}

export interface ImageCodec {
  /** What decodes, for notes and benchmarks, e.g. `sharp 0.35.6 (libvips 8.18.8, native)`. */
  readonly name: string;
  metadata(source: ImageSource): Promise<ImageInfo>;
  /** Decodes the first frame, upright (the EXIF orientation applied), to 8-bit RGB or RGBA. */
  decode(source: ImageSource): Promise<RawImage>;
  /** Lanczos-3 resampling to exactly `width`×`height`. */
  resize(image: RawImage, width: number, height: number): Promise<RawImage>;
  encode(image: RawImage, options: EncodeOptions): Promise<Uint8Array>;
  /**
   * Decode, orient, resize and encode in one streamed pass: a JPEG on disk is read in strips, so
   * memory stays near the output size rather than the decoded input. HEIC and BMP decode whole.
   */
  transcode(source: ImageSource, options: TranscodeOptions): Promise<Transcoded>;
}
