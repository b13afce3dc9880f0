import { type ParseArgsConfig, parseArgs } from 'node:util';
import { RetouchError } from '@retouch/core';

type Options = NonNullable<ParseArgsConfig['options']>;

type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>
>;

/**
 * `parseArgs` in strict mode, with its errors turned into usage errors that name the command's
 * help. Unknown flags are refused rather than ignored: a typo must not silently change an edit.
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
): Parsed<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(
      /\. To specify a positional argument.*$/s,
      '.',
    );
    throw usageError(command, message);
  }
}

export function usageError(command: string, problem: string, field = 'arguments'): RetouchError {
  return new RetouchError({
    code: 'invalid_request',
    message: `${problem.replace(/\.?$/, '.')} Run \`retouch ${command ? `${command} ` : ''}--help\` for usage.`,
    issues: [{ field, message: problem }],
  });
}
