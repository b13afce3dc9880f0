import type { BatchEvent } from '@retouch/core';
import {
  describeEachProgress,
  type EachProgress,
  formatElapsed,
  initialEachProgress,
  reduceEachProgress,
} from '@retouch/session';
import { redrawLine } from './progress-line.js';

/** The live line of `retouch edit --each` on a terminal (stderr). */
export class BatchProgressLine {
  private state: EachProgress = initialEachProgress;
  private readonly startedAt = Date.now();
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private noteText: string | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(): void {
    this.render();
    this.timer = setInterval(() => this.render(), 100);
    this.timer.unref();
  }

  update(event: BatchEvent): void {
    this.state = reduceEachProgress(this.state, event, Date.now());
  }

  note(text: string): void {
    this.noteText = text;
    this.render();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\x1b[2K');
  }

  private render(): void {
    const now = Date.now();
    const status =
      this.noteText ??
      `${describeEachProgress(this.state, now)} · ${formatElapsed(now - this.startedAt)}`;
    redrawLine(this.stream, this.frame++, `editing each · ${status}`);
  }
}
