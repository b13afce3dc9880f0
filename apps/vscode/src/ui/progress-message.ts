import {
  describeEditProgress,
  describeQueuePlace,
  describeQueuePosition,
  type EditProgress,
} from '@retouch/session';

/**
 * The progress notification's line (and the Studio's): the session's words, the ones the CLI
 * prints, as a sentence. Two heads stay this notification's own because the end-to-end suite
 * pins them: a queued job reads "Waiting in the queue, position N" (at 0 the session's "next in
 * line"), a running one "Editing"; what follows the head is the session's.
 */
export function progressMessage(state: EditProgress): string {
  const words = describeEditProgress(state);
  if (state.phase === 'queued') {
    const rest = words.slice(describeQueuePosition(state.queuePosition).length);
    const place = state.queuePosition;
    const where =
      place === undefined ? '' : place === 0 ? `, ${describeQueuePlace(0)}` : `, position ${place}`;
    return `Waiting in the queue${where}${rest}`;
  }
  if (state.phase === 'running') {
    const rest = words.slice('running'.length);
    return rest.startsWith(':') ? `Editing${rest}` : `Editing…${rest}`;
  }
  return asSentence(words);
}

/** The first word capitalised, as a notification's message reads; the words are the session's. */
export function asSentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
