import type { BatchCounts, BatchEvent } from '@retouch/core';
import { formatElapsed } from './progress-line.js';

const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** `12/200 done · 8 running · 1 failed · 179 left · 14.2s`. */
export function formatBatchProgress(
  counts: BatchCounts,
  elapsedMs: number,
  waiting?: string,
): string {
  const parts = [`${counts.done}/${counts.total} done`, `${counts.running} running`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.skipped) parts.push(`${counts.skipped} not started`);
  parts.push(`${counts.left} left`);
  if (waiting) parts.push(waiting);
  parts.push(formatElapsed(elapsedMs));
  return parts.join(' · ');
}

/** The live line of `retouch edit --each` on a terminal (stderr). */
export class BatchProgressLine {
  private counts: BatchCounts | undefined;
  private waiting: { text: string; until: number } | undefined;
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
    if (event.type === 'item-started' || event.type === 'item-finished') this.counts = event.counts;
    if (event.type === 'rate-limited') {
      this.waiting = {
        text: `rate limited: waiting ${formatElapsed(event.waitMs)}, ${event.concurrency} at a time`,
        until: Date.now() + event.waitMs,
      };
    }
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
    const glyph = spinner[this.frame++ % spinner.length];
    const waiting = this.waiting && Date.now() < this.waiting.until ? this.waiting.text : undefined;
    const status =
      this.noteText ??
      (this.counts
        ? formatBatchProgress(this.counts, Date.now() - this.startedAt, waiting)
        : 'starting');
    const text = `${glyph} editing each ${status}`;
    const width = this.stream.columns || 80;
    const line = text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text;
    this.stream.write(`\r\x1b[2K${line}`);
  }
}
