import { type EditProgressEvent, sanitizeServerText } from '@retouch/core';

export interface ProgressState {
  phase: 'starting' | 'queued' | 'running' | 'finishing';
  /** Jobs ahead of this one (fal's `queue_position`: 0 means next in line). */
  queuePosition?: number;
  /** Whether the job waited in a queue at all, and the most jobs ever ahead of it, for the summary. */
  waitedInQueue: boolean;
  mostAhead?: number;
  partials: number;
  retries: number;
  lastRetryReason?: string;
  /** The try that follows the latest retry wait (the first retry is attempt 2). */
  lastRetryAttempt?: number;
  calls: number;
  imagesDone: number;
  lastLog?: string;
  /** While a retry waits: when the wait ends (epoch ms), and whether the server asked for it (429). */
  waitEndsAt?: number;
  waitRateLimited?: boolean;
}

export const initialProgress: ProgressState = {
  phase: 'starting',
  waitedInQueue: false,
  partials: 0,
  retries: 0,
  calls: 1,
  imagesDone: 0,
};

export function applyProgressEvent(state: ProgressState, event: EditProgressEvent): ProgressState {
  switch (event.type) {
    case 'validated':
      return { ...state, calls: event.calls };
    case 'queued':
      return {
        ...state,
        phase: 'queued',
        queuePosition: event.position,
        waitedInQueue: true,
        mostAhead:
          event.position === undefined
            ? state.mostAhead
            : Math.max(state.mostAhead ?? 0, event.position),
      };
    case 'running':
      return {
        ...state,
        phase: 'running',
        queuePosition: undefined,
        lastLog: event.logs?.at(-1) ?? state.lastLog,
      };
    case 'partial-image':
      return { ...state, phase: 'running', partials: state.partials + 1 };
    case 'retrying':
      return {
        ...state,
        retries: state.retries + 1,
        lastRetryReason: event.reason,
        lastRetryAttempt: event.attempt,
      };
    case 'image-done':
      return { ...state, phase: 'finishing', imagesDone: state.imagesDone + 1 };
    case 'waiting':
      return {
        ...state,
        waitEndsAt: Date.now() + event.remainingMs,
        waitRateLimited: event.rateLimited,
      };
    default:
      return state;
  }
}

/** fal counts the jobs ahead: 0 is "next in line", not "position zero". */
export function formatQueuePosition(position: number | undefined): string {
  if (position === undefined) return 'queued';
  if (position === 0) return 'queued, next in line';
  return `queued, ${position} ahead`;
}

export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/** Server text on the live line: one line, and nothing that could drive the terminal. */
function shown(text: string): string {
  return sanitizeServerText(text, { singleLine: true }).trim();
}

/** One line, e.g. `queued at position 3 · 1 partial · 1 retry · 4.2s`. */
export function formatProgress(state: ProgressState, elapsedMs: number): string {
  const parts: string[] = [];
  switch (state.phase) {
    case 'starting':
      parts.push('sending');
      break;
    case 'queued':
      parts.push(formatQueuePosition(state.queuePosition));
      break;
    case 'running':
      parts.push(state.lastLog ? `running: ${shown(state.lastLog)}` : 'running');
      break;
    case 'finishing':
      parts.push(`received ${state.imagesDone} image${state.imagesDone === 1 ? '' : 's'}`);
      break;
  }
  const waitLeft = state.waitEndsAt === undefined ? 0 : state.waitEndsAt - Date.now();
  if (waitLeft > 0) {
    const seconds = Math.ceil(waitLeft / 1000);
    parts.push(`${state.waitRateLimited ? 'rate limited: ' : ''}trying again in ${seconds}s`);
  }
  if (state.calls > 1) parts.push(`${state.calls} calls`);
  if (state.partials > 0) parts.push(`${state.partials} partial${state.partials === 1 ? '' : 's'}`);
  if (state.retries > 0) {
    parts.push(
      `${state.retries} ${state.retries === 1 ? 'retry' : 'retries'} (attempt ${state.lastRetryAttempt}: ${shown(state.lastRetryReason ?? 'retrying')})`,
    );
  }
  parts.push(formatElapsed(elapsedMs));
  return parts.join(' · ');
}

const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A live status line on a terminal (stderr), redrawn in place several times a second so the
 * elapsed time keeps moving while a job waits. Only used on a TTY; scripts get JSON instead.
 */
export class ProgressLine {
  private state: ProgressState = initialProgress;
  private readonly startedAt = Date.now();
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private noteText: string | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  get current(): ProgressState {
    return this.state;
  }

  start(): void {
    this.render();
    this.timer = setInterval(() => this.render(), 100);
    this.timer.unref();
  }

  update(event: EditProgressEvent): void {
    this.state = applyProgressEvent(this.state, event);
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

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  private render(): void {
    const glyph = spinner[this.frame++ % spinner.length];
    const status = this.noteText ?? formatProgress(this.state, this.elapsedMs());
    const text = `${glyph} ${this.label} ${status}`;
    const width = this.stream.columns || 80;
    const line = text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text;
    this.stream.write(`\r\x1b[2K${line}`);
  }
}
