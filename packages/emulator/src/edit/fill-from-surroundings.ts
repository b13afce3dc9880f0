import type { RawImage } from './raw-image.js';

/**
 * Smoothing passes after the first fill: enough to make thin fills (strokes, letters) continue a
 * gradient. Large fills get fewer, so a big region stays quick; they are smooth already.
 */
const SMOOTHING_PASSES = 40;
const SMOOTHING_BUDGET = 4_000_000;
const DX = [-1, 0, 1, -1, 1, -1, 0, 1];
const DY = [-1, -1, -1, 0, 0, 1, 1, 1];
/** Orthogonal neighbours count fully, diagonal ones half. */
const WEIGHT = [0.5, 1, 0.5, 1, 1, 0.5, 1, 0.5];

/**
 * Replaces the pixels where `hole` is 1 with what their surroundings suggest, as a simple
 * inpainting: the hole is filled from its edge inwards, each pixel the average of its already
 * known neighbours, then smoothed so a fill over a gradient continues the gradient.
 */
export function fillFromSurroundings(image: RawImage, hole: Uint8Array): RawImage {
  const { width, height } = image;
  const total = width * height;
  let holeCount = 0;
  for (let p = 0; p < total; p++) holeCount += hole[p] ? 1 : 0;
  if (holeCount === 0) return image;
  if (holeCount === total) {
    // Nothing to learn from: a neutral gray.
    return { ...image, data: Buffer.alloc(image.data.length, 128) };
  }
  const values = Float32Array.from(image.data);
  // 0: unknown, 1: known, 2: queued for the next layer.
  const state = new Uint8Array(total);
  for (let p = 0; p < total; p++) state[p] = hole[p] ? 0 : 1;
  const order = new Int32Array(holeCount);
  let filled = 0;
  let frontier: number[] = [];
  for (let p = 0; p < total; p++) {
    if (state[p] === 0 && hasKnownNeighbour(p, state, width, height)) {
      state[p] = 2;
      frontier.push(p);
    }
  }
  const sum = new Float64Array(4);
  while (frontier.length > 0) {
    // Each pixel of a layer averages only pixels known before the layer.
    for (const p of frontier) {
      const x = p % width;
      const y = (p - x) / width;
      sum.fill(0);
      let weights = 0;
      for (let k = 0; k < 8; k++) {
        const nx = x + DX[k]!;
        const ny = y + DY[k]!;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (state[q] !== 1) continue;
        const w = WEIGHT[k]!;
        for (let c = 0; c < 4; c++) sum[c]! += values[q * 4 + c]! * w;
        weights += w;
      }
      for (let c = 0; c < 4; c++) values[p * 4 + c] = sum[c]! / weights;
    }
    for (const p of frontier) {
      state[p] = 1;
      order[filled++] = p;
    }
    const next: number[] = [];
    for (const p of frontier) {
      const x = p % width;
      const y = (p - x) / width;
      for (let k = 0; k < 8; k++) {
        const nx = x + DX[k]!;
        const ny = y + DY[k]!;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (state[q] !== 0) continue;
        state[q] = 2;
        next.push(q);
      }
    }
    frontier = next;
  }
  smooth(values, order.subarray(0, filled), width, height);
  const data = Buffer.from(image.data);
  for (let i = 0; i < filled; i++) {
    const p = order[i]!;
    for (let c = 0; c < 4; c++) data[p * 4 + c] = Math.round(values[p * 4 + c]!);
  }
  return { ...image, data };
}

function hasKnownNeighbour(p: number, state: Uint8Array, width: number, height: number): boolean {
  const x = p % width;
  const y = (p - x) / width;
  for (let k = 0; k < 8; k++) {
    const nx = x + DX[k]!;
    const ny = y + DY[k]!;
    if (nx >= 0 && ny >= 0 && nx < width && ny < height && state[ny * width + nx] === 1) {
      return true;
    }
  }
  return false;
}

/** Gauss-Seidel passes of "each filled pixel is the mean of its four neighbours". */
function smooth(values: Float32Array, pixels: Int32Array, width: number, height: number): void {
  const passes = Math.min(SMOOTHING_PASSES, Math.ceil(SMOOTHING_BUDGET / pixels.length));
  for (let pass = 0; pass < passes; pass++) {
    for (const p of pixels) {
      const x = p % width;
      const y = (p - x) / width;
      // At an edge the pixel across stands in for the missing one (or the pixel itself).
      const left = x > 0 ? p - 1 : x < width - 1 ? p + 1 : p;
      const right = x < width - 1 ? p + 1 : left;
      const up = y > 0 ? p - width : y < height - 1 ? p + width : p;
      const down = y < height - 1 ? p + width : up;
      for (let c = 0; c < 4; c++) {
        values[p * 4 + c] =
          (values[left * 4 + c]! +
            values[right * 4 + c]! +
            values[up * 4 + c]! +
            values[down * 4 + c]!) /
          4;
      }
    }
  }
}
