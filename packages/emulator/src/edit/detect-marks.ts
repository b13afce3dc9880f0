import type { RawImage } from './raw-image.js';

/** Marks found on a picture: where they are (1 per marked pixel) and in which colours. */
export interface Marks {
  pixels: Uint8Array;
  count: number;
  /** Each marking colour found, as `#rrggbb` of the pure colour it is close to. */
  colors: string[];
}

/**
 * Markers are vivid: red, yellow, green, cyan, blue or magenta, every channel within this of 0 or
 * 255. Photos rarely have many such pixels; a painter's pen colours are exactly that.
 */
const CHANNEL_SLACK = 64;
const VIVID: ReadonlyArray<readonly [number, number, number]> = [
  [255, 0, 0],
  [255, 255, 0],
  [0, 255, 0],
  [0, 255, 255],
  [0, 0, 255],
  [255, 0, 255],
];
/** Corners of the RGB cube (bits: red, green, blue) to VIVID; black and white are no markers. */
const CORNER_TO_VIVID = [-1, 4, 2, 3, 0, 5, 1, -1];
/** A colour that covers more of the picture than this is the picture, not a mark. */
const MAX_COLOR_SHARE = 0.25;
/** Pixels that differ from the unmarked original by more than this (any channel) are marks. */
const DIFFERENCE_THRESHOLD = 48;
const MAX_MARKED_SHARE = 0.4;

/** Index into VIVID of the pure colour this pixel is close to, or -1. */
function vividIndex(r: number, g: number, b: number): number {
  const high = 255 - CHANNEL_SLACK;
  if ((r > CHANNEL_SLACK && r < high) || (g > CHANNEL_SLACK && g < high)) return -1;
  if (b > CHANNEL_SLACK && b < high) return -1;
  return CORNER_TO_VIVID[(r >= high ? 4 : 0) | (g >= high ? 2 : 0) | (b >= high ? 1 : 0)]!;
}

function hex([r, g, b]: readonly [number, number, number]): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Fewest pixels of one colour that count as a mark rather than a stray speck. */
function minimumMarkPixels(image: RawImage): number {
  return Math.max(12, Math.round((image.width * image.height) / 20_000));
}

/**
 * Finds marks drawn in vivid colours on a single picture. Each colour is judged on its own: a few
 * stray pixels are noise, and a colour that fills a quarter of the picture is its subject.
 */
export function detectMarksByColor(image: RawImage): Marks | undefined {
  const total = image.width * image.height;
  const colorOf = new Int8Array(total).fill(-1);
  const counts = new Array<number>(VIVID.length).fill(0);
  const { data } = image;
  for (let p = 0; p < total; p++) {
    if (data[p * 4 + 3]! < 128) continue;
    const index = vividIndex(data[p * 4]!, data[p * 4 + 1]!, data[p * 4 + 2]!);
    if (index < 0) continue;
    colorOf[p] = index;
    counts[index]! += 1;
  }
  const minimum = minimumMarkPixels(image);
  const accepted = counts.map((count) => count >= minimum && count <= total * MAX_COLOR_SHARE);
  const pixels = new Uint8Array(total);
  for (let p = 0; p < total; p++) if (colorOf[p]! >= 0 && accepted[colorOf[p]!]) pixels[p] = 1;
  const colors = VIVID.filter((_, index) => accepted[index]).map(hex);
  return colors.length === 0 ? undefined : withFringe(pixels, image.width, image.height, colors);
}

/**
 * Finds marks as the pixels where a marked-up copy differs from the unmarked original, and names
 * the vivid colours among them.
 */
export function detectMarksByDifference(original: RawImage, marked: RawImage): Marks | undefined {
  const total = original.width * original.height;
  const pixels = new Uint8Array(total);
  const counts = new Array<number>(VIVID.length).fill(0);
  let count = 0;
  for (let p = 0; p < total; p++) {
    let difference = 0;
    for (let c = 0; c < 4; c++) {
      difference = Math.max(
        difference,
        Math.abs(original.data[p * 4 + c]! - marked.data[p * 4 + c]!),
      );
    }
    if (difference <= DIFFERENCE_THRESHOLD) continue;
    pixels[p] = 1;
    count++;
    const index = vividIndex(marked.data[p * 4]!, marked.data[p * 4 + 1]!, marked.data[p * 4 + 2]!);
    if (index >= 0) counts[index]! += 1;
  }
  if (count < minimumMarkPixels(original) || count > total * MAX_MARKED_SHARE) return undefined;
  const colors = VIVID.filter((_, index) => counts[index]! > 0).map(hex);
  return withFringe(pixels, original.width, original.height, colors);
}

/** Widens the marks by one pixel, so their anti-aliased edges go with them. */
function withFringe(marked: Uint8Array, width: number, height: number, colors: string[]): Marks {
  const wide = new Uint8Array(marked.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const p = row + x;
      wide[p] = marked[p]! | (x > 0 ? marked[p - 1]! : 0) | (x < width - 1 ? marked[p + 1]! : 0);
    }
  }
  const pixels = new Uint8Array(marked.length);
  let count = 0;
  for (let p = 0; p < marked.length; p++) {
    const value =
      wide[p]! |
      (p >= width ? wide[p - width]! : 0) |
      (p + width < marked.length ? wide[p + width]! : 0);
    pixels[p] = value;
    count += value;
  }
  return { pixels, count, colors };
}
