import type { Mark } from './marks.js';
import type { MaskStroke } from './mask-strokes.js';

export type Layer = 'mask' | 'marks';
export type Entry = { layer: 'mask'; stroke: MaskStroke } | { layer: 'marks'; mark: Mark };

/** Everything drawn, in order, on both layers: one undo/redo history for the whole canvas. */
export class History {
  private readonly done: Entry[] = [];
  private readonly undone: Entry[] = [];

  add(entry: Entry): void {
    this.done.push(entry);
    this.undone.length = 0;
  }

  /** The entry taken back, so the caller redraws its layer. */
  undo(): Entry | undefined {
    const entry = this.done.pop();
    if (entry) this.undone.push(entry);
    return entry;
  }

  redo(): Entry | undefined {
    const entry = this.undone.pop();
    if (entry) this.done.push(entry);
    return entry;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  maskStrokes(): MaskStroke[] {
    return this.done.flatMap((entry) => (entry.layer === 'mask' ? [entry.stroke] : []));
  }

  marks(): Mark[] {
    return this.done.flatMap((entry) => (entry.layer === 'marks' ? [entry.mark] : []));
  }

  /** Marks drawn since the marks were last cleared: what a save would send. */
  visibleMarkCount(): number {
    const marks = this.marks();
    const lastClear = marks.findLastIndex((mark) => mark.tool === 'clear-marks');
    return marks.length - lastClear - 1;
  }

  /** Everything drawn and not undone, to keep until the edit is sent (the Studio stores it). */
  entries(): Entry[] {
    return [...this.done];
  }

  /** Starts again from entries kept earlier; nothing to redo. */
  load(entries: readonly Entry[]): void {
    this.done.splice(0, this.done.length, ...entries);
    this.undone.length = 0;
  }

  hasMaskStrokes(): boolean {
    return this.maskStrokes().some((stroke) => stroke.kind !== 'clear');
  }
}
