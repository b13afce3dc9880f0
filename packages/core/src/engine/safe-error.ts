import { isRetouchError, RetouchError, retouchErrorWith } from '../errors/retouch-error.js';
import { redactSecrets } from '../http/redact.js';

/**
 * The error a caller sees: always a RetouchError, with every known secret scrubbed from its text.
 * A provider bug (a plain Error) becomes `invalid_response` so callers handle one type only.
 */
export function toSafeError(
  error: unknown,
  provider: string,
  secrets: readonly string[],
): RetouchError {
  if (isRetouchError(error)) {
    const text = [
      error.message,
      ...error.issues.map((i) => i.message),
      causeText(error.cause),
    ].join('\n');
    const leaks = redactSecrets(text, secrets) !== text;
    if (!leaks) return error;
    // The cause held a secret; drop it rather than risk it in a log.
    return retouchErrorWith(error, {
      message: redactSecrets(error.message, secrets),
      issues: error.issues.map((i) => ({
        field: i.field,
        message: redactSecrets(i.message, secrets),
      })),
      cause: undefined,
    });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (isOutOfRoom(error)) {
    // A provider that reads an answer without a cap fails here; the fault is the answer's size.
    return new RetouchError({
      code: 'invalid_response',
      provider,
      retryable: false,
      message: `${provider} sent an answer too large to hold in memory (${redactSecrets(detail, secrets).slice(0, 200)}). If the provider plugin reads answers through @retouch/core/http, lower its responseLimits so such answers are refused early.`,
    });
  }
  const causeIsClean = redactSecrets(causeText(error), secrets) === causeText(error);
  return new RetouchError({
    cause: causeIsClean ? error : undefined,
    code: 'invalid_response',
    provider,
    retryable: false,
    message: `The ${provider} provider failed unexpectedly (${redactSecrets(detail, secrets).slice(0, 300)}). This is a bug in the provider plugin; please report it.`,
  });
}

const outOfRoomCodes = new Set(['ERR_STRING_TOO_LONG', 'ERR_BUFFER_TOO_LARGE']);

/** The errors V8 and Node throw when a string or buffer cannot grow any further. */
function isOutOfRoom(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && outOfRoomCodes.has(code)) return true;
  return (
    error instanceof RangeError &&
    /Invalid string length|Cannot create a string longer|Array buffer allocation failed|Invalid typed array length/.test(
      error.message,
    )
  );
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) return `${cause.message}\n${cause.stack ?? ''}`;
  return cause === undefined ? '' : String(cause);
}

/**
 * Once a run is aborted, its reason (cancelled, timeout, or a sibling call's failure) is the
 * truth and whatever a provider threw on the way out is a consequence; unless the provider threw
 * the same kind of error with more to say (e.g. that a job was too far along to cancel).
 */
export function settledError(signal: AbortSignal, error: unknown): unknown {
  if (!signal.aborted) return error;
  const reason: unknown = signal.reason;
  if (isRetouchError(error) && isRetouchError(reason) && error.code === reason.code) return error;
  return reason;
}
