import { isRetouchError, type RequestIssue } from '@retouch/core';
import { redactSecrets, sanitizeServerText } from '@retouch/core/http';

/** What a button under an error does. */
export type ErrorAction =
  | 'retry'
  | 'set-api-key'
  | 'select-provider-and-model'
  | 'open-settings'
  | 'show-log';

export interface ErrorSummary {
  /** One line for the notification: what happened and what to do, with no raw server body. */
  message: string;
  /** Problems to list one per line (a request the engine refused), else empty. */
  problems: string[];
  /** The buttons, most useful first; `show-log` always last. */
  actions: ErrorAction[];
  /** What *Open Settings* searches for, when not the provider's own settings. */
  settings?: string;
}

export interface ErrorContext {
  /** The provider's display name, e.g. "OpenAI-compatible". */
  provider: string;
  secrets: readonly string[];
  /** Whether the same edit can be sent again as it is (false before anything was planned). */
  canRetry: boolean;
}

const longestQuote = 160;
/** What `redactSecrets` puts where a key was. */
const redactedMarker = redactSecrets('a-long-enough-secret', ['a-long-enough-secret']);

/**
 * Turns an error into what a person reads in a notification. The full message (with what the
 * server sent) goes to the log; the notification gets a summary: server text only when it is a
 * short plain sentence, never a JSON body, never a control character, never a key.
 */
export function summariseError(error: unknown, context: ErrorContext): ErrorSummary {
  const raw = redactSecrets(error instanceof Error ? error.message : String(error), [
    ...context.secrets,
  ]);
  const retry = context.canRetry ? (['retry'] as const) : [];
  if (!isRetouchError(error)) {
    return { message: oneLine(withoutRawBodies(raw)), problems: [], actions: ['show-log'] };
  }
  const { provider } = context;
  switch (error.code) {
    case 'invalid_request': {
      if (/configuration is invalid/.test(raw)) {
        return {
          message: `The ${provider} settings are not valid.`,
          problems: error.issues.map(describeIssue),
          actions: ['open-settings', 'show-log'],
        };
      }
      // Retouch's own settings (where results go): the message names the folder and what to do.
      const setting = error.issues.find((issue) => issue.field.startsWith('retouch.'))?.field;
      if (setting && error.issues.every((issue) => issue.field === setting)) {
        return {
          message: oneLine(raw),
          problems: [],
          actions: ['open-settings', 'show-log'],
          settings: setting,
        };
      }
      if (error.issues.length > 0) {
        const pickAnother = error.issues.some((issue) => issue.field !== 'prompt');
        return {
          message: `${provider} cannot take this edit as it is.`,
          problems: error.issues.map(describeIssue),
          actions: [...(pickAnother ? (['select-provider-and-model'] as const) : []), 'show-log'],
        };
      }
      return {
        message: serverSaid(raw, `${provider} refused the request.`),
        problems: [],
        actions: ['select-provider-and-model', 'show-log'],
      };
    }
    case 'authentication':
    case 'permission':
      return {
        message: serverSaid(
          raw,
          error.code === 'authentication'
            ? `${provider} did not accept the API key.`
            : `The API key has no access to this model on ${provider}.`,
        ),
        problems: [],
        actions: ['set-api-key', ...retry, 'show-log'],
      };
    case 'not_found':
      return {
        message: serverSaid(
          raw,
          `${provider} has no such endpoint or model: check the base URL and the model.`,
        ),
        problems: [],
        actions: ['open-settings', 'select-provider-and-model', 'show-log'],
      };
    case 'network':
    case 'timeout':
      return {
        message: oneLine(withoutRawBodies(raw)),
        problems: [],
        actions: [...retry, 'open-settings', 'show-log'],
      };
    case 'invalid_response':
      return {
        message: `${provider} sent an answer Retouch could not use (what it sent is in the log). Check that the base URL points at the API itself.`,
        problems: [],
        actions: [...retry, 'open-settings', 'show-log'],
      };
    case 'rate_limited':
    case 'server':
      return {
        message: serverSaid(raw, `${provider} could not do the edit right now.`),
        problems: [],
        actions: [...retry, 'show-log'],
      };
    case 'payload_too_large':
      return {
        message: serverSaid(raw, `The images are too large for ${provider}.`),
        problems: [],
        actions: ['select-provider-and-model', 'show-log'],
      };
    default:
      return {
        message: serverSaid(raw, oneLine(withoutRawBodies(raw))),
        problems: [],
        actions: ['show-log'],
      };
  }
}

/**
 * A problem as a line of a list: the file-level ones already name their file (`photo.jpg is
 * 96x64; …`); the others get their field in words.
 */
export function describeIssue(issue: RequestIssue): string {
  const message = oneLine(issue.message);
  if (/^images\[\d+\]$/.test(issue.field)) return message;
  const field =
    issue.field === 'images'
      ? 'Images'
      : issue.field === 'mask'
        ? 'Mask'
        : issue.field === 'n'
          ? 'Number of images'
          : capitalised(issue.field);
  // "images has 2 images" reads better as "Images: 2 images".
  return `${field}: ${message.replace(/^has /, '')}`;
}

/**
 * Core's messages for an HTTP error read `<provider> returned HTTP 401 (code): "<server text>".
 * <next step>`. Keeps the status, the server's sentence when it is short plain text, and the
 * next step; `fallback` when the message has another shape.
 */
function serverSaid(raw: string, fallback: string): string {
  const match = /returned HTTP (\d{3})(?: \([^)]*\))?(?:: "(.*?)")?\.? (?=[A-Z])(.*)$/.exec(
    oneLine(raw),
  );
  if (!match) {
    const plain = oneLine(withoutRawBodies(raw));
    return plain.length > 0 && plain.length <= 300 ? plain : fallback;
  }
  const [, status, quoted, next] = match;
  const said =
    quoted && isPlainSentence(quoted)
      ? ` It said: "${quoted}"${/[.!?]$/.test(quoted) ? '' : '.'}`
      : '';
  return `${fallback.replace(/\.$/, '')} (HTTP ${status}).${said} ${withoutRawBodies(next ?? '')}`.trim();
}

function isPlainSentence(text: string): boolean {
  const words = text.replaceAll(redactedMarker, '');
  return text.length <= longestQuote && !/[{}[\]<>]|":|\\u/.test(words) && !text.endsWith('…');
}

/** Cuts anything that looks like a quoted JSON or HTML body out of a message. */
export function withoutRawBodies(text: string): string {
  const probe = text.replaceAll(redactedMarker, 'x'.repeat(redactedMarker.length));
  const start = probe.search(/["']?[{[<]["a-z/!]/i);
  if (start < 0) return text;
  const before = text.slice(0, start).replace(/[\s:,(]*(It sent|sent|body)?[\s:]*$/i, '');
  return `${before}${before.endsWith('.') ? '' : '.'} (What the server sent is in the log.)`;
}

function oneLine(text: string): string {
  return sanitizeServerText(text, { singleLine: true }).replace(/\s+/g, ' ').trim();
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
