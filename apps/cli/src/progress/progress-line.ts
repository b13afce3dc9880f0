import {
  describeEditProgress,
  type EditProgress,
  formatElapsed,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '@retouch/session';

/** The terminal's line: the session's words, then the elapsed time. */
export function formatProgress(state: EditProgress, elapsedMs: number): string {
  return `${describeEditProgress(state)} · ${formatElapsed(elapsedMs)}`;
}

const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Draws `text` in place on the line, cut to the terminal's width. */
export function redrawLine(stream: NodeJS.WriteStream, frame: number, text: string): void {
  const line = `${spinner[frame % spinner.length]} ${text}`;
  const width = stream.columns || 80;
  const fitted = line.length >= width ? `${line.slice(0, Math.max(0, width - 2))}…` : line;
  stream.write(`\r\x1b[2K${fitted}`);
}

/**
 * A live status line on a terminal (stderr), redrawn in place several times a second so the
 * elapsed time keeps moving while a job waits. Only used on a TTY; scripts get JSON instead.
 */
export class ProgressLine {
  private state: EditProgress = initialEditProgress;
  private readonly startedAt = Date.now();
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private noteText: string | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  get current(): EditProgress {
    return this.state;
  }

  start(): void {
    this.render();
    this.timer = setInterval(() => this.render(), 100);
    this.timer.unref();
  }

  update(event: SessionProgressEvent): void {
    this.state = reduceEditProgress(this.state, event);
    this.render();
  }

  /** Shows `text` instead of the status, e.g. `cancelling…` after Ctrl-C. */
  note(text: string): void {
    this.noteText = text;
    this.render();
  }

  /** Clears the line so the summary or an error prints on a clean line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write('\r\x1b[2K');
  }

  private render(): void {
    const status = this.noteText ?? formatProgress(this.state, Date.now() - this.startedAt);
    redrawLine(this.stream, this.frame++, `${this.label} ${status}`);
  }
}
