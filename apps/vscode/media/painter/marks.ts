import type { Point } from './geometry.js';

/**
 * Mark colours: vivid enough to stand out on most pictures, and for a model (or the emulator) to
 * tell the marks from the picture.
 */
export const markColors = [
  { name: 'Red', value: '#ff2d2d' },
  { name: 'Yellow', value: '#ffd60a' },
  { name: 'Green', value: '#1ff03c' },
  { name: 'Cyan', value: '#00d8ff' },
  { name: 'Magenta', value: '#ff2bd6' },
] as const;

export type MarkTool = 'pen' | 'arrow' | 'rectangle' | 'ellipse' | 'text';

/** One mark, as data in image pixels: undo and redo replay marks instead of storing bitmaps. */
export type Mark =
  | { tool: 'pen'; color: string; width: number; points: Point[] }
  | {
      tool: 'arrow' | 'rectangle' | 'ellipse';
      color: string;
      width: number;
      from: Point;
      to: Point;
    }
  | { tool: 'text'; color: string; size: number; at: Point; text: string }
  | { tool: 'clear-marks' };

export function textFont(size: number): string {
  return `600 ${Math.round(size)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
}

export function drawMark(context: CanvasRenderingContext2D, mark: Mark): void {
  if (mark.tool === 'clear-marks') {
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    return;
  }
  context.save();
  context.strokeStyle = mark.color;
  context.fillStyle = mark.color;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  if (mark.tool === 'text') {
    context.font = textFont(mark.size);
    context.textBaseline = 'top';
    context.fillText(mark.text, mark.at.x, mark.at.y);
  } else {
    context.lineWidth = mark.width;
    context.beginPath();
    if (mark.tool === 'pen') tracePen(context, mark.points, mark.width);
    else if (mark.tool === 'rectangle') traceRectangle(context, mark.from, mark.to);
    else if (mark.tool === 'ellipse') traceEllipse(context, mark.from, mark.to);
    else traceArrow(context, mark.from, mark.to, mark.width);
  }
  context.restore();
}

/** Draws the newest stretch of a pen stroke only, so a long stroke stays fast to draw. */
export function drawPenSegment(
  context: CanvasRenderingContext2D,
  mark: Extract<Mark, { tool: 'pen' }>,
): void {
  const points = mark.points.slice(-2);
  drawMark(context, { ...mark, points });
}

function tracePen(context: CanvasRenderingContext2D, points: Point[], width: number): void {
  const [first, ...rest] = points;
  if (!first) return;
  if (rest.length === 0) {
    context.arc(first.x, first.y, width / 2, 0, Math.PI * 2);
    context.fill();
    return;
  }
  context.moveTo(first.x, first.y);
  for (const point of rest) context.lineTo(point.x, point.y);
  context.stroke();
}

function traceRectangle(context: CanvasRenderingContext2D, from: Point, to: Point): void {
  context.rect(
    Math.min(from.x, to.x),
    Math.min(from.y, to.y),
    Math.abs(to.x - from.x),
    Math.abs(to.y - from.y),
  );
  context.stroke();
}

function traceEllipse(context: CanvasRenderingContext2D, from: Point, to: Point): void {
  context.ellipse(
    (from.x + to.x) / 2,
    (from.y + to.y) / 2,
    Math.abs(to.x - from.x) / 2,
    Math.abs(to.y - from.y) / 2,
    0,
    0,
    Math.PI * 2,
  );
  context.stroke();
}

function traceArrow(
  context: CanvasRenderingContext2D,
  from: Point,
  to: Point,
  width: number,
): void {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length < 1) return;
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const head = Math.min(length * 0.6, Math.max(12, width * 4));
  // The shaft stops inside the head, so its round cap does not poke through the tip.
  const shaftEnd = {
    x: to.x - Math.cos(angle) * head * 0.6,
    y: to.y - Math.sin(angle) * head * 0.6,
  };
  context.moveTo(from.x, from.y);
  context.lineTo(shaftEnd.x, shaftEnd.y);
  context.stroke();
  context.beginPath();
  context.moveTo(to.x, to.y);
  for (const side of [-1, 1]) {
    const wing = angle + Math.PI + side * (Math.PI / 7);
    context.lineTo(to.x + Math.cos(wing) * head, to.y + Math.sin(wing) * head);
  }
  context.closePath();
  context.fill();
}
