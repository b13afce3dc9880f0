import { type EditProgressEvent, sanitizeServerText } from '@retouch/core';

/** Server text in the notification: one line, no control characters or bidi overrides. */
function shown(text: string): string {
  return sanitizeServerText(text, { singleLine: true }).trim();
}

/**
 * Ids are for the log, not for people: a UUID, or a long run of letters and digits such as a
 * request id or a hash.
 */
const idLike =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b(?=[\w-]*\d)[\w-]{16,}\b/i;

/** The newest runner log line worth showing: one line, clean, with no id in it. */
function latestLogLine(logs: readonly string[] | undefined): string | undefined {
  for (const line of [...(logs ?? [])].reverse()) {
    const text = shown(line);
    if (text && !idLike.test(text)) return text;
  }
  return undefined;
}

/** Text for the progress notification, or undefined for events that change nothing visible. */
export function describeProgress(event: EditProgressEvent, calls: number): string | undefined {
  const of = calls > 1 && 'call' in event ? ` (request ${event.call + 1} of ${calls})` : '';
  switch (event.type) {
    case 'validated':
      return 'Sending…';
    case 'job-started':
      return `Submitted to the queue${of}`;
    case 'queued':
      return event.position === undefined
        ? `Waiting in the queue${of}`
        : `Waiting in the queue, position ${event.position}${of}`;
    case 'running': {
      const last = latestLogLine(event.logs);
      return last ? `Editing${of}: ${last.slice(0, 80)}` : `Editing${of}…`;
    }
    case 'partial-image':
      return `Partial image ${event.index + 1} received${of}`;
    case 'retrying':
      return `Retrying in ${formatWait(event.delayMs)} (attempt ${event.attempt}): ${shown(event.reason)}`;
    case 'waiting':
      return `${event.rateLimited ? 'Rate limited by the server: trying' : 'Trying'} again in ${Math.ceil(event.remainingMs / 1000)} s${of}`;
    case 'image-done':
      return `Image ${event.index + 1} done${of}`;
    case 'warning':
      return undefined;
  }
}

/** The wait as it really is: 400 ms, 1.5 s, 12 s. */
function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms / 1000)} s`;
}
