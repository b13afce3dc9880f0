import type { EditProgressEvent, RetouchError } from '@retouch/core';
import { sanitizeServerText } from '@retouch/core/http';

/** What the session adds to the engine's events: the end of the edit. */
export type SessionProgressEvent =
  | EditProgressEvent
  | { type: 'written'; count: number }
  | { type: 'failed'; error: RetouchError | Error };

/** One edit's progress as any front end draws it. */
export interface EditProgress {
  phase: 'starting' | 'queued' | 'running' | 'finishing' | 'written' | 'failed';
  /** Jobs ahead of this one (fal's `queue_position`): 0 means next in line. */
  queuePosition?: number;
  /** Whether the job waited in a queue at all, and the most jobs ever ahead of it. */
  waitedInQueue: boolean;
  mostAhead?: number;
  partials: number;
  /** The newest partial image, for a preview. */
  latestPartial?: Uint8Array;
  retries: number;
  lastRetryReason?: string;
  /** The try that follows the latest retry wait (the first retry is attempt 2). */
  lastRetryAttempt?: number;
  /** Requests the edit takes (`n` split over several calls). */
  calls: number;
  imagesDone: number;
  /** The newest runner log line worth showing: one line, clean, with no id in it. */
  lastLog?: string;
  written?: number;
  error?: RetouchError | Error;
  /** While a retry waits: when the wait ends (epoch ms), and whether the server asked for it (429). */
  waitEndsAt?: number;
  waitRateLimited?: boolean;
}

export const initialEditProgress: EditProgress = {
  phase: 'starting',
  waitedInQueue: false,
  partials: 0,
  retries: 0,
  calls: 1,
  imagesDone: 0,
};

/** Server text on a progress line: one line, and nothing that could drive a terminal. */
export function shownServerText(text: string): string {
  return sanitizeServerText(text, { singleLine: true }).trim();
}

/** Ids are for the log: a UUID, or a long run of letters and digits such as a request id. */
const idLike =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b(?=[\w-]*\d)[\w-]{16,}\b/i;

function latestLogLine(logs: readonly string[] | undefined): string | undefined {
  for (const line of [...(logs ?? [])].reverse()) {
    const text = shownServerText(line);
    if (text && !idLike.test(text)) return text;
  }
  return undefined;
}

/** The reducer: the state after one more event. */
export function reduceEditProgress(state: EditProgress, event: SessionProgressEvent): EditProgress {
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
    case 'running': {
      const { queuePosition: _, ...rest } = state;
      return { ...rest, phase: 'running', lastLog: latestLogLine(event.logs) ?? state.lastLog };
    }
    case 'partial-image':
      return {
        ...state,
        phase: 'running',
        partials: state.partials + 1,
        latestPartial: event.image,
      };
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
    case 'written':
      return { ...state, phase: 'written', written: event.count };
    case 'failed':
      return { ...state, phase: 'failed', error: event.error };
    default:
      return state;
  }
}

/** Where a queued job stands: fal counts the jobs ahead, so 0 is "next in line", not "position 0". */
export function describeQueuePlace(position: number): string {
  return position === 0 ? 'next in line' : `position ${position}`;
}

/**
 * A queued job's words: `waiting in the queue`, `waiting in the queue, next in line`,
 * `waiting in the queue, position 3`.
 */
export function describeQueuePosition(position: number | undefined): string {
  const lead = 'waiting in the queue';
  return position === undefined ? lead : `${lead}, ${describeQueuePlace(position)}`;
}

/** A running job's words, with the runner's last log line; its own "Editing image" is not said twice. */
function editingWords(log: string | undefined): string {
  if (!log) return 'editing';
  return /^editing\b/i.test(log) ? `editing${log.slice('editing'.length)}` : `editing: ${log}`;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/**
 * The words both apps show for an edit's progress, e.g. `waiting in the queue, position 3 · 1 partial · 1 retry
 * (attempt 2: HTTP 503)`, with a countdown while a retry waits (`rate limited: trying again in
 * 4s`). Front ends add their own frame (a spinner and the elapsed time, a notification title).
 */
export function describeEditProgress(state: EditProgress, now: number = Date.now()): string {
  const parts: string[] = [];
  switch (state.phase) {
    case 'starting':
      parts.push('sending');
      break;
    case 'queued':
      parts.push(describeQueuePosition(state.queuePosition));
      break;
    case 'running':
      parts.push(editingWords(state.lastLog));
      break;
    case 'finishing':
      parts.push(`received ${plural(state.imagesDone, 'image')}`);
      break;
    case 'written':
      parts.push(`wrote ${plural(state.written ?? 0, 'image')}`);
      break;
    case 'failed':
      parts.push('failed');
      break;
  }
  const waitLeft = state.waitEndsAt === undefined ? 0 : state.waitEndsAt - now;
  if (waitLeft > 0 && state.phase !== 'written' && state.phase !== 'failed') {
    const seconds = Math.ceil(waitLeft / 1000);
    parts.push(`${state.waitRateLimited ? 'rate limited: ' : ''}trying again in ${seconds}s`);
  }
  if (state.calls > 1) parts.push(`${state.calls} calls`);
  if (state.partials > 0) parts.push(plural(state.partials, 'partial'));
  if (state.retries > 0) {
    parts.push(
      `${plural(state.retries, 'retry', 'retries')} (attempt ${state.lastRetryAttempt}: ${shownServerText(state.lastRetryReason ?? 'retrying')})`,
    );
  }
  return parts.join(' · ');
}

/** What a finished edit's summary says about its wait: queue, partials, retries. */
export function describeEditFacts(state: EditProgress): string[] {
  const facts: string[] = [];
  if (state.waitedInQueue) {
    facts.push(
      state.mostAhead
        ? `waited in queue behind up to ${plural(state.mostAhead, 'job')}`
        : 'waited in queue',
    );
  }
  if (state.partials > 0) facts.push(plural(state.partials, 'partial image'));
  if (state.retries > 0) facts.push(plural(state.retries, 'retry', 'retries'));
  return facts;
}

/** Elapsed time as both apps print it: `4.2s`, `2m05s`. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}
