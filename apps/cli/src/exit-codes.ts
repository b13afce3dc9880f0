import { type ExitCode, exitCodes } from '@retouch/session';

export { type ExitCode, exitCodeForErrorCode, exitCodes } from '@retouch/session';

/**
 * What to do next, per family, in the CLI's own terms (which variable to set, which flag to
 * change). The session's advice says what went wrong and which actions help; the README's
 * exit-code table is generated from the same facts; keep them in step.
 */
const hintByExitCode: Partial<Record<ExitCode, string>> = {
  [exitCodes.invalidInput]:
    'Fix the request and run again; `retouch edit --help` lists the options and `retouch models` what each model accepts.',
  [exitCodes.auth]:
    'Check the key: set OPENAI_API_KEY / RETOUCH_OPENAI_API_KEY (openai-compatible) or FAL_KEY / RETOUCH_QUEUE_API_KEY (queue), or the apiKey in your config file, and that it may use this model.',
  [exitCodes.rateLimit]:
    "Wait a moment and run again, or check your plan's quota with the provider.",
  [exitCodes.contentPolicy]:
    'Rephrase the prompt or use a different image; the provider refused this content.',
  [exitCodes.network]:
    'Check the connection and the base URL (--base-url, RETOUCH_BASE_URL), or allow more time with --timeout.',
  [exitCodes.server]:
    'The provider failed; try again later. If it keeps failing, report the request id to the provider.',
  [exitCodes.output]:
    'The edit succeeded; move the saved image where you want it, and fix the output folder (or pick another with --out) before the next run.',
};

export function hintForExitCode(code: ExitCode): string | undefined {
  return hintByExitCode[code];
}
