import type { RetouchErrorCode } from '@retouch/core';

/**
 * One exit code per error family, so a script can react without parsing messages. The README's
 * table is generated from the same facts; keep them in step.
 */
export const exitCodes = {
  ok: 0,
  other: 1,
  invalidInput: 2,
  auth: 3,
  rateLimit: 4,
  contentPolicy: 5,
  network: 6,
  server: 7,
  output: 8,
  cancelled: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

const exitCodeByErrorCode: Record<RetouchErrorCode, ExitCode> = {
  invalid_request: exitCodes.invalidInput,
  not_found: exitCodes.invalidInput,
  payload_too_large: exitCodes.invalidInput,
  authentication: exitCodes.auth,
  permission: exitCodes.auth,
  rate_limited: exitCodes.rateLimit,
  content_policy: exitCodes.contentPolicy,
  network: exitCodes.network,
  timeout: exitCodes.network,
  server: exitCodes.server,
  invalid_response: exitCodes.server,
  output: exitCodes.output,
  cancelled: exitCodes.cancelled,
};

export function exitCodeForErrorCode(code: string): ExitCode {
  return exitCodeByErrorCode[code as RetouchErrorCode] ?? exitCodes.other;
}

/**
 * What to do next, per family. Core's messages already say what went wrong; this adds the
 * CLI-specific step (which variable to set, which flag to change).
 */
const hintByExitCode: Partial<Record<ExitCode, string>> = {
  [exitCodes.invalidInput]:
    'Fix the request and run again; `retouch edit --help` lists the options and `retouch models` what each model accepts.',
  [exitCodes.auth]:
    'Check the key: set OPENAI_API_KEY / RETOUCH_OPENAI_API_KEY (openai-compatible) FAL_KEY / RETOUCH_QUEUE_API_KEY (queue) or GEMINI_API_KEY / GOOGLE_API_KEY (google), or the apiKey in your config file, and that it may use this model.',
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
