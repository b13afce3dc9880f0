import type { ImageUsage } from '@retouch/core/provider';
import * as z from 'zod/mini';

/** A field a server may send as null or leave out; both read as absent. */
export const optionalNumber = z.pipe(
  z.nullish(z.number()),
  z.transform((value) => value ?? undefined),
);
export const optionalString = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? undefined),
);

/**
 * A token usage object whose input and output counts go by the given names (the images API says
 * `input_tokens`, chat completions `prompt_tokens`); anything else it holds is kept as details.
 */
export function tokenUsageSchema<Input extends string, Output extends string>(
  input: Input,
  output: Output,
) {
  return z.looseObject({
    [input]: optionalNumber,
    [output]: optionalNumber,
    total_tokens: optionalNumber,
  } as Record<Input | Output | 'total_tokens', typeof optionalNumber>);
}

/** Maps a parsed usage object to `ImageUsage`, keeping what is not a count as `details`. */
export function toTokenUsage(
  usage: Record<string, unknown>,
  input: string,
  output: string,
): ImageUsage {
  const { [input]: inputTokens, [output]: outputTokens, total_tokens, ...details } = usage;
  const result: ImageUsage = {};
  if (typeof inputTokens === 'number') result.inputTokens = inputTokens;
  if (typeof outputTokens === 'number') result.outputTokens = outputTokens;
  if (typeof total_tokens === 'number') result.totalTokens = total_tokens;
  if (Object.keys(details).length > 0) result.details = details;
  return result;
}
