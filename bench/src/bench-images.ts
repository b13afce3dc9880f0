import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { cacheDir } from './bench-paths.js';

export interface BenchImages {
  /** 3400×3400 RGBA noise, stored uncompressed: about 45 MB on disk. */
  large: string;
  /** 64×64 RGBA PNG for the per-edit runs. */
  small: string;
}

const largeEdge = 3400;

/** Creates the inputs once in bench/.cache (git-ignored) and reuses them afterwards. */
export async function ensureBenchImages(): Promise<BenchImages> {
  mkdirSync(cacheDir, { recursive: true });
  const large = join(cacheDir, `noise-${largeEdge}.png`);
  const small = join(cacheDir, 'small-64.png');
  if (!existsSync(large) || statSync(large).size < 40_000_000) {
    // Noise defeats compression, and level 0 stores it raw, so the file is as large as the pixels.
    const pixels = randomFillSync(Buffer.alloc(largeEdge * largeEdge * 4));
    await sharp(pixels, { raw: { width: largeEdge, height: largeEdge, channels: 4 } })
      .png({ compressionLevel: 0, adaptiveFiltering: false })
      .toFile(large);
  }
  if (!existsSync(small)) {
    const edge = 64;
    const pixels = Buffer.alloc(edge * edge * 4);
    for (let y = 0; y < edge; y++) {
      for (let x = 0; x < edge; x++) {
        const i = (y * edge + x) * 4;
        pixels[i] = x * 4;
        pixels[i + 1] = y * 4;
        pixels[i + 2] = 128;
        pixels[i + 3] = 255;
      }
    }
    await sharp(pixels, { raw: { width: edge, height: edge, channels: 4 } })
      .png()
      .toFile(small);
  }
  return { large, small };
}
