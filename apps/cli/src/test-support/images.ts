import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const sampleImage = fileURLToPath(new URL('../../assets/sample.png', import.meta.url));
export const sampleMask = fileURLToPath(new URL('../../assets/sample-mask.png', import.meta.url));

/** A fresh folder holding `photo.png` (the shipped sample) and `mask.png` (transparent sky). */
export async function createWorkDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'retouch-cli-'));
  await copyFile(sampleImage, join(dir, 'photo.png'));
  await copyFile(sampleMask, join(dir, 'mask.png'));
  return dir;
}

export async function writeSolidPng(
  path: string,
  rgb: [number, number, number],
  size = 256,
): Promise<void> {
  await sharp({
    create: {
      width: size,
      height: size,
      channels: 3,
      background: { r: rgb[0], g: rgb[1], b: rgb[2] },
    },
  })
    .png()
    .toFile(path);
}

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

/** RGB pixels, resized to `size` when given so two images can be compared pixel by pixel. */
export async function readPixels(path: string, size?: number): Promise<Pixels> {
  let image = sharp(path).removeAlpha();
  if (size) image = image.resize(size, size, { fit: 'fill' });
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export function pixelAt(pixels: Pixels, x: number, y: number): [number, number, number] {
  const i = (y * pixels.width + x) * 3;
  return [pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!];
}

/** Mean absolute difference per channel (0–255) over the rows [fromRow, toRow). */
export function meanAbsoluteDifference(
  a: Pixels,
  b: Pixels,
  fromRow = 0,
  toRow = a.height,
): number {
  let sum = 0;
  let count = 0;
  for (let i = fromRow * a.width * 3; i < toRow * a.width * 3; i++) {
    sum += Math.abs(a.data[i]! - b.data[i]!);
    count++;
  }
  return sum / count;
}
