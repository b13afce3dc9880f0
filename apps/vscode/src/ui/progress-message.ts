import { describeEditProgress, type EditProgress } from '@retouch/session';

/**
 * The progress notification's line (and the Studio's): the session's words, the ones the CLI
 * prints, as a sentence ("Waiting in the queue, position 1", "Editing: step 2/4").
 */
export function progressMessage(state: EditProgress): string {
  return asSentence(describeEditProgress(state));
}

/** The first word capitalised, as a notification's message reads; the words are the session's. */
export function asSentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
