import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { benchDir, cacheDir } from './bench-paths.js';

export interface PhotoImages {
  /** 6000×4000 camera-like JPEG, quality 92, EXIF orientation 6 (about 10 MB). */
  cameraJpeg: string;
  /** 4032×3024 phone HEIC (committed: bench/fixtures/photo-12mp.heic, made with heif-enc/x265). */
  phoneHeic: string;
}

/**
 * A camera photo as a 24-megapixel camera writes it: smooth structure plus sensor grain, so it
 * compresses like a real photo (8–10 MB at quality 92), held upright by an EXIF tag. Made once in
 * bench/.cache; the same recipe as bench/codec-comparison/make-camera-jpeg.mjs.
 */
export async function ensurePhotoImages(): Promise<PhotoImages> {
  mkdirSync(cacheDir, { recursive: true });
  const cameraJpeg = join(cacheDir, 'camera-24mp.jpg');
  if (!existsSync(cameraJpeg)) {
    const width = 6000;
    const height = 4000;
    const noise = (w: number, h: number, mean: number, sigma: number) =>
      sharp({
        create: {
          width: w,
          height: h,
          channels: 3,
          background: '#000',
          noise: { type: 'gaussian', mean, sigma },
        },
      });
    const base = await noise(600, 400, 128, 60)
      .resize(width, height, { fit: 'fill', kernel: 'cubic' })
      .raw()
      .toBuffer();
    const grain = await noise(width, height, 128, 9).raw().toBuffer();
    for (let i = 0; i < base.length; i++) {
      base[i] = Math.max(0, Math.min(255, base[i]! + grain[i]! - 128));
    }
    await sharp(base, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 92 })
      .withMetadata({ orientation: 6 })
      .toFile(cameraJpeg);
  }
  return { cameraJpeg, phoneHeic: join(benchDir, 'fixtures', 'photo-12mp.heic') };
}
