export interface Point {
  x: number;
  y: number;
}

/** Maps a pointer position on the (CSS-scaled) canvas to the image's own pixels. */
export function toImagePoint(
  event: { clientX: number; clientY: number },
  canvas: HTMLCanvasElement,
): Point {
  const rect = canvas.getBoundingClientRect();
  return {
    x: ((event.clientX - rect.left) / rect.width) * canvas.width,
    y: ((event.clientY - rect.top) / rect.height) * canvas.height,
  };
}

/** Sizes are chosen in screen pixels and stored in image pixels, so they look the same at any zoom. */
export function imagePixelsPerScreenPixel(canvas: HTMLCanvasElement): number {
  const rect = canvas.getBoundingClientRect();
  return rect.width > 0 ? canvas.width / rect.width : 1;
}

/**
 * With Shift held, shapes keep to a square or circle and arrows to multiples of 45°, as in other
 * drawing tools.
 */
export function constrain(from: Point, to: Point, kind: 'box' | 'direction'): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (kind === 'box') {
    const side = Math.max(Math.abs(dx), Math.abs(dy));
    return { x: from.x + Math.sign(dx || 1) * side, y: from.y + Math.sign(dy || 1) * side };
  }
  const angle = Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) * (Math.PI / 4);
  const length = Math.hypot(dx, dy);
  return { x: from.x + Math.cos(angle) * length, y: from.y + Math.sin(angle) * length };
}
