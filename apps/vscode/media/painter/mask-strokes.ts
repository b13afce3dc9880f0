import type { Point } from './geometry.js';

/** A stroke of the mask layer, in image pixels. */
export type MaskStroke =
  | { kind: 'paint' | 'erase'; size: number; points: Point[] }
  | { kind: 'clear' };

const maskColor = 'rgb(255, 0, 96)';

export function drawMaskStroke(context: CanvasRenderingContext2D, stroke: MaskStroke): void {
  if (stroke.kind === 'clear') {
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    return;
  }
  context.save();
  context.globalCompositeOperation = stroke.kind === 'paint' ? 'source-over' : 'destination-out';
  context.strokeStyle = maskColor;
  context.fillStyle = maskColor;
  context.lineWidth = stroke.size;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  const [first, ...rest] = stroke.points;
  if (first) {
    context.beginPath();
    if (rest.length === 0) {
      context.arc(first.x, first.y, stroke.size / 2, 0, Math.PI * 2);
      context.fill();
    } else {
      context.moveTo(first.x, first.y);
      for (const point of rest) context.lineTo(point.x, point.y);
      context.stroke();
    }
  }
  context.restore();
}

/** Only the newest stretch: the mask colour is opaque, so drawing a stroke piecewise is exact. */
export function drawMaskSegment(
  context: CanvasRenderingContext2D,
  stroke: Extract<MaskStroke, { points: Point[] }>,
): void {
  drawMaskStroke(context, { ...stroke, points: stroke.points.slice(-2) });
}
