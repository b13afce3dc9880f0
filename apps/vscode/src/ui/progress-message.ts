import { describeEditProgress, describeQueuePosition, type EditProgress } from '@retouch/session';

/**
 * The progress notification's line: the session's words, the ones the CLI prints. Two phases
 * keep the head this notification has always had, which people (and the end-to-end suite) look
 * for: "Waiting in the queue, position N" and "Editing"; what follows the head is the session's.
 */
export function progressMessage(state: EditProgress): string {
  const words = describeEditProgress(state);
  if (state.phase === 'queued') {
    const head = describeQueuePosition(state.queuePosition);
    const position = state.queuePosition === undefined ? '' : `, position ${state.queuePosition}`;
    return `Waiting in the queue${position}${words.slice(head.length)}`;
  }
  if (state.phase === 'running') {
    const rest = words.slice('running'.length);
    return rest.startsWith(':') ? `Editing${rest}` : `Editing…${rest}`;
  }
  return capitalised(words);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
