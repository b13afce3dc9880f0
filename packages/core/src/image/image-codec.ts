/**
 * The image codec: decode (with EXIF orientation), resize, encode and read metadata, for the
 * engine's input preparation and for region edits. Nothing here loads until `loadImageCodec()` is
 * first called, so code that never touches pixels (an extension activating, `retouch models`) pays
 * nothing for it.
 *
 * ```ts
 * const codec = await loadImageCodec();
 * const info = await codec.metadata({ path: 'IMG_0001.HEIC' }); // type, size, orientation, alpha, depth
 * const raw = await codec.decode({ path: 'photo.jpg' });          // upright RGB(A) pixels
 * const half = await codec.resize(raw, raw.width / 2, raw.height / 2);
 * const png = await codec.encode(half, { format: 'png' });
 * // One pass, bounded memory: orient, shrink to fit 3840, re-encode.
 * const sent = await codec.transcode({ path: 'photo.jpg' }, { maxEdge: 3840, format: 'jpeg', quality: 88 });
 * ```
 *
 * Backed by sharp (libvips; prebuilt native binaries, or `@img/sharp-wasm32` where none fits) and,
 * for HEIC, libheif compiled to WebAssembly (sharp's prebuilt libvips decodes AVIF but not HEVC).
 * BMP is read by a small decoder of our own. bench/results-codec.md has the comparison that chose it.
 */
export type { ImageCodec } from './codec-types.js';

import type { ImageCodec } from './codec-types.js';
import { missingPackage } from './missing-package.js';

let loading: Promise<ImageCodec> | undefined;

/** Loads the codec on first use and returns the same instance afterwards. */
export function loadImageCodec(): Promise<ImageCodec> {
  loading ??= import('./sharp-codec.js').then(
    (module) => module.createSharpCodec(),
    (error: unknown) => {
      loading = undefined; // let a later call try again (e.g. after installing the binary)
      throw missingPackage(error, 'sharp') ?? error;
    },
  );
  return loading;
}
