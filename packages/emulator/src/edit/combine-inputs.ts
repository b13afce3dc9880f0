import { type RawImage, resizeRaw } from './raw-image.js';

/**
 * Combines several inputs into one picture the size of the first: the inputs are laid out on a
 * grid (two inputs: left and right halves), each cropped to fill its cell. A single input is
 * returned unchanged.
 */
export async function combineInputs(inputs: RawImage[]): Promise<RawImage> {
  const first = inputs[0];
  if (!first) throw new Error('at least one input image is required');
  if (inputs.length === 1) return first;
  const cols = Math.ceil(Math.sqrt(inputs.length));
  const rows = Math.ceil(inputs.length / cols);
  const cellW = Math.max(1, Math.floor(first.width / cols));
  const cellH = Math.max(1, Math.floor(first.height / rows));
  const data = Buffer.from(first.data);
  for (const [index, input] of inputs.entries()) {
    const cell = await resizeRaw(input, cellW, cellH);
    const left = (index % cols) * cellW;
    const top = Math.floor(index / cols) * cellH;
    for (let y = 0; y < cellH && top + y < first.height; y++) {
      const from = y * cellW * 4;
      const width = Math.min(cellW, first.width - left);
      cell.data.copy(data, ((top + y) * first.width + left) * 4, from, from + width * 4);
    }
  }
  return { data, width: first.width, height: first.height };
}
