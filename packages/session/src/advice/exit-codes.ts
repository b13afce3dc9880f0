import type { RetouchErrorCode } from '@retouch/core';

/**
 * One exit code per error family, so a script can react without parsing messages. The CLI's
 * README table is generated from the same facts; keep them in step.
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
