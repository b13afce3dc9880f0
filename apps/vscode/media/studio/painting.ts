import { flattenedMarkupBase64 } from '../painter/export-layers.js';
import type { Point } from '../painter/geometry.js';
import { constrain } from '../painter/geometry.js';
import { type Entry, History } from '../painter/history.js';
import { drawMark, drawPenSegment, type Mark, markColors } from '../painter/marks.js';
import { drawMaskSegment, drawMaskStroke, type MaskStroke } from '../painter/mask-strokes.js';
import { byId } from './page-api.js';

export type StudioTool = 'brush' | 'eraser' | 'pen' | 'arrow' | 'rectangle' | 'ellipse';

/** Painting layers are drawn at most this big on screen; exports are at the image's own size. */
const maxLayerEdge = 2048;

function afterLastClear<T>(items: readonly T[], isClear: (item: T) => boolean): T[] {
  const last = items.findLastIndex(isClear);
  return items.slice(last + 1);
}

async function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((png) => (png ? resolve(png) : reject(new Error('not encoded'))), 'image/png'),
  );
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * The mask (where the image may change) and markup (what to change) painted over the image, kept
 * as data (strokes and shapes in image pixels) so they survive closing the Studio and are drawn
 * again at any size. The layers on screen are at most 2048 pixels wide; what is sent is drawn
 * again at the image's own size.
 */
export class Painting {
  private readonly mask = byId<HTMLCanvasElement>('mask-layer');
  private readonly marks = byId<HTMLCanvasElement>('marks-layer');
  private readonly draw = byId<HTMLCanvasElement>('draw-layer');
  private readonly maskContext = this.mask.getContext('2d')!;
  private readonly marksContext = this.marks.getContext('2d')!;
  private readonly drawContext = this.draw.getContext('2d')!;
  readonly history = new History();
  tool: StudioTool | undefined;
  /** Screen pixels: brush size for the mask, line width for marks. */
  size = { mask: 40, marks: 4 };
  private width = 0;
  private height = 0;
  private drawing:
    | { layer: 'mask'; stroke: Extract<MaskStroke, { points: Point[] }> }
    | { layer: 'marks'; mark: Exclude<Mark, { tool: 'text' | 'clear-marks' }> }
    | undefined;

  constructor(private readonly changed: () => void) {
    this.draw.addEventListener('pointerdown', (event) => this.start(event));
    this.draw.addEventListener('pointermove', (event) => this.continue(event));
    this.draw.addEventListener('pointerup', () => this.finish());
    this.draw.addEventListener('pointercancel', () => this.finish());
  }

  setImage(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    const k = Math.min(1, maxLayerEdge / Math.max(width, height, 1));
    for (const [canvas, context] of [
      [this.mask, this.maskContext],
      [this.marks, this.marksContext],
      [this.draw, this.drawContext],
    ] as const) {
      canvas.width = Math.max(1, Math.round(width * k));
      canvas.height = Math.max(1, Math.round(height * k));
      context.setTransform(canvas.width / width, 0, 0, canvas.height / height, 0, 0);
    }
    this.redraw();
  }

  load(entries: readonly Entry[]): void {
    this.history.load(entries);
    this.redraw();
  }

  setTool(tool: StudioTool | undefined): void {
    this.tool = tool;
    this.draw.classList.toggle('active', tool !== undefined);
    this.draw.dataset.tool = tool ?? '';
  }

  get hasMask(): boolean {
    return afterLastClear(this.history.maskStrokes(), (s) => s.kind === 'clear').some(
      (stroke) => stroke.kind === 'paint',
    );
  }

  get hasMarks(): boolean {
    return this.history.visibleMarkCount() > 0;
  }

  undo(): void {
    this.history.undo();
    this.redraw();
    this.changed();
  }

  redo(): void {
    this.history.redo();
    this.redraw();
    this.changed();
  }

  clear(): void {
    this.history.add({ layer: 'mask', stroke: { kind: 'clear' } });
    this.history.add({ layer: 'marks', mark: { tool: 'clear-marks' } });
    this.redraw();
    this.changed();
  }

  private clearCanvas(context: CanvasRenderingContext2D): void {
    context.save();
    context.resetTransform();
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    context.restore();
  }

  redraw(): void {
    this.clearCanvas(this.maskContext);
    this.clearCanvas(this.marksContext);
    const strokes = afterLastClear(this.history.maskStrokes(), (s) => s.kind === 'clear');
    for (const stroke of strokes) drawMaskStroke(this.maskContext, stroke);
    const marks = afterLastClear(this.history.marks(), (m) => m.tool === 'clear-marks');
    for (const mark of marks) drawMark(this.marksContext, mark);
  }

  private point(event: PointerEvent): Point {
    const rect = this.draw.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * this.width,
      y: ((event.clientY - rect.top) / rect.height) * this.height,
    };
  }

  private imagePixelsPerScreenPixel(): number {
    const rect = this.draw.getBoundingClientRect();
    return rect.width > 0 ? this.width / rect.width : 1;
  }

  private start(event: PointerEvent): void {
    const tool = this.tool;
    if (!tool || event.button !== 0) return;
    event.stopPropagation();
    this.draw.setPointerCapture(event.pointerId);
    const at = this.point(event);
    const perScreen = this.imagePixelsPerScreenPixel();
    if (tool === 'brush' || tool === 'eraser') {
      const kind = tool === 'brush' ? 'paint' : 'erase';
      this.drawing = {
        layer: 'mask',
        stroke: { kind, size: this.size.mask * perScreen, points: [at] },
      };
      drawMaskStroke(this.maskContext, this.drawing.stroke);
      return;
    }
    const color = markColors[0].value;
    const width = this.size.marks * perScreen;
    this.drawing =
      tool === 'pen'
        ? { layer: 'marks', mark: { tool, color, width, points: [at] } }
        : { layer: 'marks', mark: { tool, color, width, from: at, to: at } };
    if (tool === 'pen') drawMark(this.marksContext, this.drawing.mark);
  }

  private continue(event: PointerEvent): void {
    const drawing = this.drawing;
    if (!drawing) return;
    const at = this.point(event);
    if (drawing.layer === 'mask') {
      drawing.stroke.points.push(at);
      drawMaskSegment(this.maskContext, drawing.stroke);
      return;
    }
    const mark = drawing.mark;
    if (mark.tool === 'pen') {
      mark.points.push(at);
      drawPenSegment(this.marksContext, mark);
      return;
    }
    mark.to = event.shiftKey
      ? constrain(mark.from, at, mark.tool === 'arrow' ? 'direction' : 'box')
      : at;
    this.clearCanvas(this.drawContext);
    drawMark(this.drawContext, mark);
  }

  private finish(): void {
    const drawing = this.drawing;
    this.drawing = undefined;
    if (!drawing) return;
    this.clearCanvas(this.drawContext);
    if (drawing.layer === 'mask') {
      this.history.add({ layer: 'mask', stroke: drawing.stroke });
    } else {
      const mark = drawing.mark;
      if (mark.tool !== 'pen' && Math.hypot(mark.to.x - mark.from.x, mark.to.y - mark.from.y) < 2)
        return;
      if (mark.tool !== 'pen') drawMark(this.marksContext, mark);
      this.history.add({ layer: 'marks', mark });
    }
    this.changed();
  }

  private fullSizeCanvas(): [HTMLCanvasElement, CanvasRenderingContext2D] {
    const canvas = document.createElement('canvas');
    canvas.width = this.width;
    canvas.height = this.height;
    return [canvas, canvas.getContext('2d', { willReadFrequently: true })!];
  }

  /** The mask at the image's size: transparent where painted (what the edit APIs take). */
  async exportMask(): Promise<Uint8Array | undefined> {
    if (!this.hasMask) return undefined;
    const [canvas, context] = this.fullSizeCanvas();
    for (const stroke of afterLastClear(this.history.maskStrokes(), (s) => s.kind === 'clear')) {
      drawMaskStroke(context, stroke);
    }
    const pixels = context.getImageData(0, 0, this.width, this.height);
    const data = pixels.data;
    for (let i = 0; i < data.length; i += 4) {
      const painted = data[i + 3]! >= 128;
      data[i] = 0;
      data[i + 1] = 0;
      data[i + 2] = 0;
      data[i + 3] = painted ? 0 : 255;
    }
    context.putImageData(pixels, 0, 0);
    return pngBytes(canvas);
  }

  /** The source with the marks drawn on it, at its own size. */
  async exportMarkup(source: HTMLImageElement): Promise<Uint8Array | undefined> {
    if (!this.hasMarks) return undefined;
    const [canvas, context] = this.fullSizeCanvas();
    for (const mark of afterLastClear(this.history.marks(), (m) => m.tool === 'clear-marks')) {
      drawMark(context, mark);
    }
    const base64 = await flattenedMarkupBase64(source, canvas);
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  }
}
