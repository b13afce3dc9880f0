import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pixels } from '../test-support/images.js';
import { renderEdit } from './render-edit.js';

const W = 160;
const H = 120;
const RED: [number, number, number] = [255, 45, 45];
/** The box drawn around the object, outline included. */
const BOX = { left: 28, top: 38, right: 74, bottom: 84 };
const OBJECT = { x: 51, y: 61, radius: 12 };

type Rgba = [number, number, number, number];

/** A smooth gradient (never vivid) with a dark disc: the object a user wants gone. */
function scene(): Buffer {
  const data = Buffer.alloc(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inside = (x - OBJECT.x) ** 2 + (y - OBJECT.y) ** 2 <= OBJECT.radius ** 2;
      const rgba: Rgba = inside
        ? [40, 40, 60, 255]
        : [Math.round(60 + x * 0.9), Math.round(70 + y * 0.8), 150, 255];
      data.set(rgba, (y * W + x) * 4);
    }
  }
  return data;
}

function paint(data: Buffer, x: number, y: number): void {
  data.set([...RED, 255], (y * W + x) * 4);
}

/** The scene with a red box (3 px outline) around the object and a red "label" to its right. */
function markedUp(base: Buffer): Buffer {
  const data = Buffer.from(base);
  for (let y = BOX.top; y <= BOX.bottom; y++) {
    for (let x = BOX.left; x <= BOX.right; x++) {
      const edge = x - BOX.left < 3 || BOX.right - x < 3 || y - BOX.top < 3 || BOX.bottom - y < 3;
      if (edge) paint(data, x, y);
    }
  }
  // A small ring like the letter "o" (its hole is a pocket, not a region) and a stroke.
  for (let y = 16; y <= 30; y++) {
    for (let x = 110; x <= 150; x++) {
      const ring = Math.abs(Math.hypot(x - 117, y - 23) - 5) < 1.3;
      const stroke = y === 23 || y === 24 ? x >= 128 : false;
      if (ring || stroke) paint(data, x, y);
    }
  }
  return data;
}

const png = (data: Buffer) =>
  sharp(data, { raw: { width: W, height: H, channels: 4 } })
    .png()
    .toBuffer();

const framed = (instruction: string) =>
  `The image has hand-drawn marks on it. They show where and what to change. Follow them: ${instruction}`;

function inBox(x: number, y: number): boolean {
  return x >= BOX.left - 1 && x <= BOX.right + 1 && y >= BOX.top - 1 && y <= BOX.bottom + 1;
}

async function changedOutsideBox(resultPng: Buffer, source: Buffer) {
  const result = await pixels(resultPng);
  const changed: Array<[number, number]> = [];
  let changedInside = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const before = source.subarray((y * W + x) * 4, (y * W + x) * 4 + 4);
      const after = result.at(x, y);
      const delta = Math.max(...[0, 1, 2, 3].map((c) => Math.abs(before[c]! - after[c]!)));
      if (delta <= 8) continue;
      if (inBox(x, y)) changedInside++;
      else changed.push([x, y]);
    }
  }
  return { result, outside: changed, changedInside };
}

function vividPixels(result: Awaited<ReturnType<typeof pixels>>): number {
  let count = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [r, g, b] = result.at(x, y);
      if (r > 191 && g < 64 && b < 64) count++;
    }
  }
  return count;
}

describe('marked-up inputs', () => {
  const source = scene();

  it('"remove this" with a box drawn on the image removes what the box encloses, and the marks', async () => {
    const out = await renderEdit({
      prompt: framed('remove this'),
      images: [await png(markedUp(source))],
    });
    expect(out.operation).toBe('remove-marked');
    expect(out.markup).toMatchObject({ delivery: 'flattened', colors: ['#ff0000'] });
    const { result, outside, changedInside } = await changedOutsideBox(
      out.images[0]!.bytes,
      source,
    );
    expect(outside).toEqual([]);
    expect(changedInside).toBeGreaterThan(Math.PI * OBJECT.radius ** 2 * 0.8);
    expect(vividPixels(result)).toBe(0);
    // The dark disc is gone: its centre now continues the gradient around it.
    const [r, g, b] = result.at(OBJECT.x, OBJECT.y);
    expect(Math.abs(r - (60 + OBJECT.x * 0.9))).toBeLessThan(20);
    expect(Math.abs(g - (70 + OBJECT.y * 0.8))).toBeLessThan(20);
    expect(Math.abs(b - 150)).toBeLessThan(20);
  });

  it('with the unmarked original sent first, restores the marks from it exactly', async () => {
    const out = await renderEdit({
      prompt: framed('remove this'),
      images: [await png(source), await png(markedUp(source))],
    });
    expect(out.markup).toMatchObject({ delivery: 'reference', colors: ['#ff0000'] });
    expect([out.images[0]!.width, out.images[0]!.height]).toEqual([W, H]);
    const { result, outside, changedInside } = await changedOutsideBox(
      out.images[0]!.bytes,
      source,
    );
    expect(outside).toEqual([]);
    expect(changedInside).toBeGreaterThan(300);
    expect(result.at(140, 23)).toEqual([186, 88, 150, 255]);
  });

  it('any other operation changes only the marked region', async () => {
    const out = await renderEdit({
      prompt: framed('make it grayscale'),
      images: [await png(markedUp(source))],
    });
    expect(out.operation).toBe('grayscale');
    const { result, outside } = await changedOutsideBox(out.images[0]!.bytes, source);
    expect(outside).toEqual([]);
    const [r, g, b] = result.at(BOX.left + 8, BOX.top + 8);
    expect(r).toBe(g);
    expect(g).toBe(b);
  });

  it('variants differ inside the region only', async () => {
    const out = await renderEdit({
      prompt: framed('remove this'),
      images: [await png(markedUp(source))],
      n: 2,
    });
    const [first, second] = await Promise.all(out.images.map((image) => pixels(image.bytes)));
    expect(first!.at(OBJECT.x, OBJECT.y)).not.toEqual(second!.at(OBJECT.x, OBJECT.y));
    expect(first!.at(5, 5)).toEqual(second!.at(5, 5));
  });

  it('without words about marks, or without vivid marks, edits the whole picture as usual', async () => {
    const marked = await png(markedUp(source));
    const plain = await renderEdit({ prompt: 'remove this', images: [marked] });
    expect(plain.operation).toBe('tint');
    expect(plain.markup).toBeUndefined();
    const unmarked = await renderEdit({
      prompt: framed('make it grayscale'),
      images: [await png(source)],
    });
    expect(unmarked.markup).toBeUndefined();
    const gray = await pixels(unmarked.images[0]!.bytes);
    expect(new Set(gray.at(150, 5).slice(0, 3)).size).toBe(1);
  });

  it('a picture that is mostly one vivid colour is not taken for marks', async () => {
    const red = Buffer.alloc(W * H * 4);
    for (let p = 0; p < W * H; p++) red.set([...RED, 255], p * 4);
    const out = await renderEdit({ prompt: framed('remove this'), images: [await png(red)] });
    expect(out.markup).toBeUndefined();
  });
});
