import { combineInputs } from './combine-inputs.js';
import { detectMarksByColor, detectMarksByDifference, type Marks } from './detect-marks.js';
import { fillFromSurroundings } from './fill-from-surroundings.js';
import { markedRegion } from './marked-region.js';
import { applyOperation } from './operations.js';
import { type Operation, pickOperation } from './pick-operation.js';
import type { RawImage } from './raw-image.js';

/** What the emulator read from a marked-up input, reported with the edit. */
export interface MarkupReport {
  /**
   * `reference`: the unmarked image came first and the marked-up copy after it; `layer`: the
   * marks came alone on their own transparent layer (`markup`), the image unmarked.
   */
  delivery: 'flattened' | 'reference' | 'layer';
  colors: string[];
  markedPixels: number;
  regionPixels: number;
}

/** A picture with its marks taken off, and the region they point to. */
export interface MarkedEdit {
  /** The picture without the marks: the original when it was sent, else filled in. */
  clean: RawImage;
  region: Uint8Array;
  report: MarkupReport;
}

const TALKS_ABOUT_MARKS = /\bmark(s|ed|ings?|up)?\b|\bannotat(ed|ions?)\b/i;
const REMOVE = /\b(remove|erase|delete|get rid of|take (it |them |this |that )?out)\b/i;

/**
 * Reads marks on the inputs when the prompt talks about marks: a second input the size of the
 * first that differs from it only in places is its marked-up copy; otherwise marks are vivid
 * strokes on the (combined) picture. Returns the picture to edit and, when marks were found, how
 * to follow them.
 */
export async function readMarkedInputs(
  prompt: string,
  images: RawImage[],
): Promise<{ canvas: RawImage; marked?: MarkedEdit }> {
  const talksAboutMarks = TALKS_ABOUT_MARKS.test(prompt);
  const [first, second] = images;
  if (talksAboutMarks && first && second && images.length === 2 && sameSize(first, second)) {
    const marks = detectMarksByDifference(first, second);
    if (marks) return { canvas: first, marked: follow(first, marks, 'reference') };
  }
  const canvas = await combineInputs(images);
  if (!talksAboutMarks) return { canvas };
  const marks = detectMarksByColor(canvas);
  if (!marks) return { canvas };
  return { canvas, marked: follow(fillFromSurroundings(canvas, marks.pixels), marks, 'flattened') };
}

/** Below this alpha a markup layer's pixel is its transparent background. */
const LAYER_ALPHA = 128;

/**
 * gpt-image-2.6's `markup`: a transparent layer the size of the picture whose opaque pixels are
 * the marks. The picture itself came unmarked, so it is edited as it is, inside the marked region.
 * Undefined when the layer holds no marks.
 */
export function readMarkupLayer(canvas: RawImage, layer: RawImage): MarkedEdit | undefined {
  if (!sameSize(canvas, layer)) return undefined;
  const pixels = new Uint8Array(layer.width * layer.height);
  const colors = new Set<string>();
  let count = 0;
  for (let p = 0; p < pixels.length; p++) {
    if (layer.data[p * 4 + 3]! < LAYER_ALPHA) continue;
    pixels[p] = 1;
    count++;
    if (colors.size < 6) {
      const rgb = [0, 1, 2].map((c) => layer.data[p * 4 + c]!.toString(16).padStart(2, '0'));
      colors.add(`#${rgb.join('')}`);
    }
  }
  if (count === 0) return undefined;
  return follow(canvas, { pixels, count, colors: [...colors] }, 'layer');
}

function follow(clean: RawImage, marks: Marks, delivery: MarkupReport['delivery']): MarkedEdit {
  const region = markedRegion(marks.pixels, clean.width, clean.height);
  let regionPixels = 0;
  for (const value of region) regionPixels += value;
  return {
    clean,
    region,
    report: { delivery, colors: marks.colors, markedPixels: marks.count, regionPixels },
  };
}

function sameSize(a: RawImage, b: RawImage): boolean {
  return a.width === b.width && a.height === b.height;
}

/** "remove this" takes away what the marks point to; any other prompt picks an operation. */
export function pickMarkedOperation(prompt: string): Operation | { kind: 'remove-marked' } {
  const op = pickOperation(prompt);
  if (op.kind === 'tint' && REMOVE.test(prompt)) return { kind: 'remove-marked' };
  return op;
}

/**
 * Edits only inside the marked region: removal fills it from its surroundings, other operations
 * change it; everything outside is the clean picture. Later variants darken the region a little.
 */
export async function editMarkedRegion(
  marked: MarkedEdit,
  op: Operation | { kind: 'remove-marked' },
  variant: number,
): Promise<RawImage> {
  const { clean, region } = marked;
  if (op.kind !== 'remove-marked') {
    const edited = await applyOperation(clean, op, variant);
    return insideRegion(clean, edited, region, 0);
  }
  return insideRegion(clean, fillFromSurroundings(clean, region), region, variant * 12);
}

function insideRegion(
  clean: RawImage,
  edited: RawImage,
  region: Uint8Array,
  darken: number,
): RawImage {
  const data = Buffer.from(clean.data);
  for (let p = 0; p < region.length; p++) {
    if (!region[p]) continue;
    for (let c = 0; c < 3; c++) data[p * 4 + c] = Math.max(0, edited.data[p * 4 + c]! - darken);
    data[p * 4 + 3] = edited.data[p * 4 + 3]!;
  }
  return { ...clean, data };
}
