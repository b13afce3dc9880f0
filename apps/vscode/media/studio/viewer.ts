import { byId } from './page-api.js';

export type ViewMode = 'compare' | 'before' | 'after';

const minScale = 0.02;
const maxScale = 16;
/** A preview's long side (src/studio/studio-previews.ts makes them no larger). */
export const previewLongSide = 2048;

/** What a layer shows: the image, and its screen-sized preview when it has one. */
interface Source {
  full: string;
  preview?: string;
}

/**
 * The before/after view: both images (and the painting layers) in one stage that is zoomed and
 * panned as a whole, so they stay in sync at any zoom up to and past 1:1 pixels. In compare mode
 * a divider shows the after image right of it and the before image left of it.
 */
export class Viewer {
  readonly viewer = byId<HTMLElement>('viewer');
  readonly stage = byId<HTMLDivElement>('stage');
  readonly before = byId<HTMLImageElement>('before');
  readonly after = byId<HTMLImageElement>('after');
  private readonly divider = byId<HTMLDivElement>('divider');
  private readonly labelBefore = byId<HTMLSpanElement>('label-before');
  private readonly labelAfter = byId<HTMLSpanElement>('label-after');
  private readonly zoomValue = byId<HTMLSpanElement>('zoom-value');
  width = 0;
  height = 0;
  scale = 1;
  private x = 0;
  private y = 0;
  private fitted = true;
  split = 0.5;
  mode: ViewMode = 'compare';
  private hasAfter = false;
  private readonly sources: { before?: Source; after?: Source } = {};
  /** Called whenever the view starts showing images at full size (zoomed past the previews). */
  onFullSize: () => void = () => {};
  private atFullSize = false;
  private panning: { x: number; y: number; id: number } | undefined;
  private dragging = false;

  constructor(
    private readonly canPan: () => boolean,
    private readonly changed: () => void,
  ) {
    new ResizeObserver(() => (this.fitted ? this.fit() : this.apply())).observe(this.viewer);
    this.viewer.addEventListener('wheel', (event) => this.wheel(event), { passive: false });
    this.viewer.addEventListener('pointerdown', (event) => this.down(event));
    this.viewer.addEventListener('pointermove', (event) => this.move(event));
    this.viewer.addEventListener('pointerup', (event) => this.up(event));
    this.viewer.addEventListener('pointercancel', (event) => this.up(event));
  }

  /**
   * Shows `uri` as the before image (its `preview` while the view is zoomed out enough for it);
   * resolves once it is loaded and on screen (two frames later). Not `decode()`: that decodes
   * at full size, while a zoomed-out view needs less.
   */
  async setBefore(uri: string, width: number, height: number, preview?: string): Promise<void> {
    const sizeChanged = width !== this.width || height !== this.height;
    this.width = width;
    this.height = height;
    this.sources.before = { full: uri, ...(preview ? { preview } : {}) };
    for (const element of this.stage.children as HTMLCollectionOf<HTMLElement>) {
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
    }
    if (sizeChanged || this.fitted) this.fit();
    // Sets the image's src (fit does too, unless the size is unknown).
    this.apply();
    if (!this.before.complete) {
      await new Promise((resolve) => {
        this.before.addEventListener('load', resolve, { once: true });
        this.before.addEventListener('error', resolve, { once: true });
      });
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }

  setAfter(uri: string | undefined, preview?: string): void {
    this.hasAfter = uri !== undefined;
    if (uri) this.sources.after = { full: uri, ...(preview ? { preview } : {}) };
    this.apply();
  }

  /** The before image at full size, loaded and decoded (what an edit's markup is drawn on). */
  async fullBefore(): Promise<HTMLImageElement> {
    const full = this.sources.before?.full;
    if (!full || (this.before.getAttribute('src') === full && this.before.complete)) {
      return this.before;
    }
    const image = new Image();
    image.src = full;
    await image.decode();
    return image;
  }

  /** The preview while it has enough pixels for the zoom, else the image itself. */
  private shown(source: Source | undefined): string | undefined {
    if (!source?.preview) return source?.full;
    const previewScale = previewLongSide / Math.max(this.width, this.height);
    return this.scale * devicePixelRatio > previewScale * 1.01 ? source.full : source.preview;
  }

  setMode(mode: ViewMode): void {
    this.mode = mode;
    this.apply();
    this.changed();
  }

  toggle(): void {
    this.setMode(this.mode === 'after' ? 'before' : 'after');
  }

  fit(): void {
    if (!this.width) return;
    const box = this.viewer.getBoundingClientRect();
    const scale = Math.min(1, (box.width - 16) / this.width, (box.height - 48) / this.height);
    this.scale = Math.max(minScale, scale);
    this.x = (box.width - this.width * this.scale) / 2;
    this.y = (box.height - 40 - this.height * this.scale) / 2;
    this.fitted = true;
    this.apply();
  }

  /** Zooms to `scale`, keeping the point under (`cx`, `cy`) (the centre by default) in place. */
  zoomTo(scale: number, cx?: number, cy?: number): void {
    const box = this.viewer.getBoundingClientRect();
    const px = cx ?? box.width / 2;
    const py = cy ?? (box.height - 40) / 2;
    const next = Math.min(maxScale, Math.max(minScale, scale));
    this.x = px - ((px - this.x) * next) / this.scale;
    this.y = py - ((py - this.y) * next) / this.scale;
    this.scale = next;
    this.fitted = false;
    this.apply();
  }

  zoomBy(factor: number): void {
    this.zoomTo(this.scale * factor);
  }

  /** Moves the divider by `delta` (a fraction of the width). */
  nudge(delta: number): void {
    this.split = Math.min(1, Math.max(0, this.split + delta));
    this.apply();
    this.changed();
  }

  apply(): void {
    const { scale, x, y } = this;
    this.stage.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    this.stage.classList.toggle('pixelated', scale >= 2);
    // A zoomed-in view swaps to the image itself; the preview stays on screen until it is loaded.
    const full = this.shown(this.sources.before) === this.sources.before?.full;
    if (full && !this.atFullSize && this.sources.before?.preview) this.onFullSize();
    this.atFullSize = full;
    for (const [element, source] of [
      [this.before, this.sources.before],
      [this.after, this.hasAfter ? this.sources.after : undefined],
    ] as const) {
      const src = this.shown(source);
      if (src && element.getAttribute('src') !== src) element.src = src;
    }
    const compare = this.mode === 'compare' && this.hasAfter;
    const showAfter = this.hasAfter && this.mode !== 'before';
    this.after.hidden = !showAfter;
    this.after.style.clipPath = compare ? `inset(0 0 0 ${this.split * 100}%)` : 'none';
    this.divider.hidden = !compare;
    this.divider.style.left = `${x + this.width * scale * this.split}px`;
    this.labelBefore.hidden = showAfter && !compare;
    this.labelAfter.hidden = !showAfter;
    this.zoomValue.textContent = this.fitted
      ? `Fit (${Math.round(scale * 100)}%)`
      : `${Math.round(scale * 100)}%`;
    this.viewer.dataset.zoom = String(scale);
    this.viewer.dataset.mode = compare ? 'compare' : showAfter ? 'after' : 'before';
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    const box = this.viewer.getBoundingClientRect();
    this.zoomTo(
      this.scale * Math.exp(-event.deltaY / 400),
      event.clientX - box.left,
      event.clientY - box.top,
    );
  }

  private down(event: PointerEvent): void {
    if (event.button !== 0 || (event.target as HTMLElement).closest('#viewer-bar')) return;
    const box = this.viewer.getBoundingClientRect();
    const dividerX = this.x + this.width * this.scale * this.split;
    if (!this.divider.hidden && Math.abs(event.clientX - box.left - dividerX) < 12) {
      this.dragging = true;
    } else if (this.canPan()) {
      this.panning = { x: event.clientX, y: event.clientY, id: event.pointerId };
    } else return;
    this.viewer.setPointerCapture(event.pointerId);
    event.preventDefault();
  }

  private move(event: PointerEvent): void {
    if (this.dragging) {
      const box = this.viewer.getBoundingClientRect();
      this.split = Math.min(
        1,
        Math.max(0, (event.clientX - box.left - this.x) / (this.width * this.scale)),
      );
      this.apply();
    } else if (this.panning) {
      this.x += event.clientX - this.panning.x;
      this.y += event.clientY - this.panning.y;
      this.panning.x = event.clientX;
      this.panning.y = event.clientY;
      this.fitted = false;
      this.apply();
    }
  }

  private up(event: PointerEvent): void {
    if (this.dragging) this.changed();
    this.dragging = false;
    this.panning = undefined;
    if (this.viewer.hasPointerCapture(event.pointerId)) {
      this.viewer.releasePointerCapture(event.pointerId);
    }
  }
}
