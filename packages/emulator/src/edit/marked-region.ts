/**
 * The region marks point to. Closed shapes (a box, an ellipse, a loop) point to what they enclose,
 * together with the shapes themselves and anything drawn inside; when nothing is enclosed, the
 * marks point to what they cover. Marks outside that region (a label beside a box) are notes:
 * they are not part of the region.
 */
export function markedRegion(marks: Uint8Array, width: number, height: number): Uint8Array {
  const total = width * height;
  const grid = new Grid(width, height);
  const open = new Uint8Array(total);
  for (let p = 0; p < total; p++) open[p] = marks[p] ? 0 : 1;
  const outside = grid.reachableFromBorder(open);

  // Pockets the border cannot reach: inside a closed shape, or the hole of a letter "o".
  const minimumArea = Math.max(64, Math.round(total * 0.005));
  const pocket = new Uint8Array(total);
  for (let p = 0; p < total; p++) pocket[p] = open[p] && !outside[p] ? 1 : 0;
  const enclosed = new Uint8Array(total);
  let anyEnclosed = false;
  const seen = new Uint8Array(total);
  for (let start = 0; start < total; start++) {
    if (!pocket[start] || seen[start]) continue;
    const members = grid.component(start, pocket, seen, false);
    if (members.length < minimumArea) continue;
    anyEnclosed = true;
    for (const p of members) enclosed[p] = 1;
  }
  if (!anyEnclosed) return Uint8Array.from(marks);

  // The enclosing shapes and whatever is drawn inside belong to the region; then close its holes.
  const region = Uint8Array.from(enclosed);
  seen.fill(0);
  for (let start = 0; start < total; start++) {
    if (!marks[start] || seen[start]) continue;
    const members = grid.component(start, marks, seen, true);
    if (members.some((p) => grid.touches(p, enclosed))) for (const p of members) region[p] = 1;
  }
  for (let p = 0; p < total; p++) open[p] = region[p] ? 0 : 1;
  const reachable = grid.reachableFromBorder(open);
  for (let p = 0; p < total; p++) if (!reachable[p]) region[p] = 1;
  return region;
}

/** Flood fills over a pixel grid, with an explicit stack (regions can be millions of pixels). */
class Grid {
  private stack: Int32Array;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.stack = new Int32Array(width * height);
  }

  /** Pixels connected to the border through `open` pixels (4-connected). */
  reachableFromBorder(open: Uint8Array): Uint8Array {
    const { width, height } = this;
    const seen = new Uint8Array(width * height);
    let top = 0;
    const seed = (p: number) => {
      if (open[p] && !seen[p]) {
        seen[p] = 1;
        this.stack[top++] = p;
      }
    };
    for (let x = 0; x < width; x++) {
      seed(x);
      seed((height - 1) * width + x);
    }
    for (let y = 0; y < height; y++) {
      seed(y * width);
      seed(y * width + width - 1);
    }
    this.spread(top, open, seen, false, undefined);
    return seen;
  }

  /** The connected `open` pixels around `start`, marked in `seen`. */
  component(start: number, open: Uint8Array, seen: Uint8Array, diagonal: boolean): number[] {
    seen[start] = 1;
    this.stack[0] = start;
    const members: number[] = [];
    this.spread(1, open, seen, diagonal, members);
    return members;
  }

  touches(p: number, set: Uint8Array): boolean {
    const { width, height } = this;
    const x = p % width;
    return (
      (x > 0 && set[p - 1] === 1) ||
      (x < width - 1 && set[p + 1] === 1) ||
      (p >= width && set[p - width] === 1) ||
      (p + width < width * height && set[p + width] === 1)
    );
  }

  private spread(
    top: number,
    open: Uint8Array,
    seen: Uint8Array,
    diagonal: boolean,
    members: number[] | undefined,
  ): void {
    const { width, height, stack } = this;
    while (top > 0) {
      const p = stack[--top]!;
      members?.push(p);
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (!diagonal && dx !== 0 && dy !== 0)) continue;
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (open[q] && !seen[q]) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
  }
}
