/**
 * How a picture was reframed for a model that answers at its own sizes, as plain JSON: the part
 * of it that was sent (all of it, or the region around a small mask) and the padding that fit it
 * to the model's frame. The engine uses it to put an answer back into the picture's framing; a
 * job's handle carries it, so a job resumed after a restart is put back the same way.
 */
export interface Framing {
  /** The picture's size, upright. */
  full: { width: number; height: number };
  /** What was sent of it, in its pixels. */
  region: { left: number; top: number; width: number; height: number };
  /** The frame the sent part was padded to, and where it sat in it. */
  canvas: { width: number; height: number };
  left: number;
  top: number;
  padded: boolean;
  /**
   * Set when the answer goes back into the original inside the mask: the feather of that edge,
   * in pixels. Putting it back needs the picture and the mask again.
   */
  feather?: number;
}
