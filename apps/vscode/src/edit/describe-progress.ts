import { type EditProgressEvent, sanitizeServerText } from '@retouch/core';

/** Server text in the notification: one line, no control characters or bidi overrides. */
function shown(text: string): string {
  return sanitizeServerText(text, { singleLine: true }).trim();
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
      const latest = event.logs?.at(-1);
      const last = latest === undefined ? undefined : shown(latest);
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
