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
      return `Retrying in ${Math.ceil(event.delayMs / 1000)} s (attempt ${event.attempt + 1}): ${shown(event.reason)}`;
    case 'image-done':
      return `Image ${event.index + 1} done${of}`;
    case 'warning':
      return undefined;
  }
}
