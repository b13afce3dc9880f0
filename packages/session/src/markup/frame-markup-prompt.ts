/**
 * How marks drawn over an image reach a model.
 * - `flattened`: the marks are drawn onto a copy of the source, which is sent instead of it.
 * - `reference`: the unmarked source is sent first and the marked copy after it, for models that
 *   take a marked-up reference beside the image they edit.
 */
export type MarkupDelivery = 'flattened' | 'reference';

const whatMarksAre =
  'hand-drawn marks in a bright colour (outlines, arrows, scribbles or text labels)';

/**
 * Wraps what the user asked for in the words that make a model follow the marks and leave no
 * trace of them. The wording avoids the verbs a user's own instruction would use ("remove",
 * "delete"), so the instruction is the only one the prompt gives.
 */
export function frameMarkupPrompt(instruction: string, delivery: MarkupDelivery): string {
  const asked = instruction.trim();
  if (delivery === 'reference') {
    return [
      `The last image is a copy of the first with ${whatMarksAre}.`,
      'They show where and what to change in the first image; they are not part of the picture.',
      `Follow them: ${asked}`,
      'The result is the first image with that change and no trace of the marks.',
      'Change nothing the marks do not point to.',
    ].join('\n');
  }
  return [
    `The image has ${whatMarksAre} on it.`,
    'They show where and what to change; they are not part of the picture.',
    `Follow them: ${asked}`,
    'Leave no trace of the marks in the result: where a mark covers the picture, show what belongs there.',
    'Change nothing the marks do not point to.',
  ].join('\n');
}
