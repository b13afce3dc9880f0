import type { Point } from './geometry.js';
import { textFont } from './marks.js';

export interface TextEntryRequest {
  /** Where the label's top-left corner goes, relative to the stage, in screen pixels. */
  screen: Point;
  /** The same corner in image pixels. */
  at: Point;
  color: string;
  /** Font size in screen pixels (for the field) and in image pixels (for the mark). */
  screenSize: number;
  imageSize: number;
}

/**
 * A text field laid over the image where the label will go, in its colour and size. Enter (or
 * clicking elsewhere) places the label, Escape drops it; `onDone` gets the text or undefined.
 */
export class TextEntry {
  private pending:
    | { request: TextEntryRequest; onDone: (text: string | undefined) => void }
    | undefined;

  constructor(private readonly input: HTMLInputElement) {
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter') {
        event.preventDefault();
        this.finish(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.finish(false);
      }
    });
    input.addEventListener('blur', () => this.finish(true));
  }

  get open(): boolean {
    return this.pending !== undefined;
  }

  show(request: TextEntryRequest, onDone: (text: string | undefined) => void): void {
    this.finish(true);
    this.pending = { request, onDone };
    const { input } = this;
    input.value = '';
    input.style.left = `${request.screen.x}px`;
    input.style.top = `${request.screen.y}px`;
    input.style.font = textFont(request.screenSize);
    input.style.color = request.color;
    input.style.caretColor = request.color;
    input.hidden = false;
    input.focus();
  }

  /** Places (or drops) the label being typed, if any. */
  finish(keep: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const text = this.input.value.trim();
    this.input.hidden = true;
    pending.onDone(keep && text ? text : undefined);
  }
}
