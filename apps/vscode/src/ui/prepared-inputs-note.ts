import type { DeliveredImage } from '@retouch/output';

/**
 * What was sent instead of the user's file (turned upright, smaller, converted), in the engine's
 * words, as ` · …` parts of a result's notification: said wherever the results land.
 */
export function preparedInputsNote(output: DeliveredImage<unknown> | undefined): string {
  return (output?.record.preparedInputs ?? []).map((input) => ` · ${input.note}`).join('');
}
