import { isRetouchError, type RequestIssue, type RetouchError } from '@retouch/core';
import { redactSecrets, sanitizeServerText } from '@retouch/core/http';
import { type ExitCode, exitCodeForErrorCode, exitCodes } from './exit-codes.js';

/** What can help after an error; each front end draws them its own way (buttons, hints). */
export type AdviceAction = 'set-key' | 'open-settings' | 'select-model' | 'retry' | 'show-log';

/** One error, as every front end presents it: the same words, its own actions. */
export interface ErrorAdvice {
  /** The error's code, or `internal` for an error that is not a `RetouchError` (a bug). */
  code: RetouchError['code'] | 'internal';
  /** One line for a notification: what happened and what to do, with no raw server body. */
  title: string;
  /** The whole message (server text sanitized, secrets redacted): for a terminal and the log. */
  detail: string;
  /** Problems to list one per line (a request the engine refused), else empty. */
  problems: string[];
  /**
   * The lines of `detail` that the title and the problems do not already say, for a front end
   * with room under them (a terminal); empty when the title is the message, quotes the server, or
   * the problems are all of it.
   */
  more: string[];
  /** What helps, most useful first; `show-log` always last. */
  actions: AdviceAction[];
  exitCode: ExitCode;
  /** The setting *Open Settings* goes to, when it is not the provider's own. */
  settings?: string;
}

export interface AdviceContext {
  /** The provider's name as people know it, e.g. "OpenAI-compatible". */
  provider: string;
  secrets?: readonly string[];
  /** Whether the same edit can be sent again as it is (false before anything was planned). */
  canRetry?: boolean;
}

const longestQuote = 160;
/** What `redactSecrets` puts where a key was. */
const redactedMarker = redactSecrets('a-long-enough-secret', ['a-long-enough-secret']);

/**
 * The advice for an error, decided by its code and fields (`origin`, `issues`, `status`,
 * `serverMessage`), never by its message text.
 */
export function adviseError(error: unknown, context: AdviceContext): ErrorAdvice {
  const secrets = context.secrets ?? [];
  const raw = redactSecrets(error instanceof Error ? error.message : String(error), [...secrets]);
  const detail = sanitizeServerText(raw);
  if (!isRetouchError(error)) {
    return {
      code: 'internal',
      title: oneLine(withoutRawBodies(raw)),
      detail,
      problems: [],
      more: [],
      actions: ['show-log'],
      exitCode: exitCodes.other,
    };
  }
  // Whether a title says all the message does (it is the message, or quotes the server, or the
  // problems listed under it are the message): else the message's lines follow it.
  const lines = detail
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const advice = (
    title: string | Said,
    actions: AdviceAction[],
    extra: Partial<ErrorAdvice> & { complete?: boolean } = {},
  ): ErrorAdvice => {
    const { complete, ...rest } = extra;
    const said = typeof title === 'string' ? { text: title, complete: complete ?? false } : title;
    return {
      code: error.code,
      title: said.text,
      detail,
      problems: [],
      more: said.complete || said.text === oneLine(raw) ? [] : lines,
      actions,
      exitCode: exitCodeForErrorCode(error.code),
      ...rest,
    };
  };
  const retry: AdviceAction[] = context.canRetry ? ['retry'] : [];
  const { provider } = context;
  const said = (fallback: string) => serverSaid(error, raw, fallback, secrets);
  switch (error.code) {
    case 'invalid_request': {
      if (error.origin === 'configuration') {
        return advice(`The ${provider} settings are not valid.`, ['open-settings', 'show-log'], {
          problems: error.issues.map(describeIssue),
          complete: true,
        });
      }
      if (error.origin === 'output-folder') {
        const setting = error.issues[0]?.field;
        return advice(oneLine(raw), ['open-settings', 'show-log'], {
          ...(setting ? { settings: setting } : {}),
          complete: true,
        });
      }
      if (error.issues.length > 0) {
        const pickAnother = error.issues.some((issue) => issue.field !== 'prompt');
        // A refusal worded as one sentence of its own ("Say what to change: the prompt is empty.",
        // which models have a batch API) is its own title; the engine's list of a request's
        // problems, one per line, gets a title naming the provider above the list.
        const own = oneLine(raw);
        const sentence =
          error.status === undefined && !raw.trim().includes('\n') && own.length <= 300;
        // Under a sentence, only the problems it does not already say ("Say what to change…").
        const problems = (
          sentence
            ? error.issues.filter((issue) => !own.includes(oneLine(issue.message)))
            : error.issues
        ).map(describeIssue);
        return advice(
          sentence ? own : `${provider} cannot take this edit as it is.`,
          [...(pickAnother ? (['select-model'] as const) : []), 'show-log'],
          // The engine's refusal is a header and its problems, one per line: the list says it.
          { problems, complete: true },
        );
      }
      return advice(said(`${provider} refused the request.`), ['select-model', 'show-log']);
    }
    case 'authentication':
    case 'permission':
      if (error.origin === 'missing-key') {
        return advice(`${provider} needs an API key.`, ['set-key', 'show-log']);
      }
      return advice(
        said(
          error.code === 'authentication'
            ? `${provider} did not accept the API key.`
            : `The API key has no access to this model on ${provider}.`,
        ),
        ['set-key', ...retry, 'show-log'],
      );
    case 'not_found':
      return advice(
        said(`${provider} has no such endpoint or model: check the base URL and the model.`),
        ['open-settings', 'select-model', 'show-log'],
      );
    case 'network':
    case 'timeout': {
      // The engine stopped following a paid job through an outage and kept it: say that plainly
      // (the message nests the last failure, the timeout in seconds and the provider's id).
      const kept = error.cancellations.find(
        (c) => c.outcome === 'unknown' || c.outcome === 'too-late',
      );
      if (kept) {
        return advice(
          kept.outcome === 'too-late'
            ? `${provider} stopped answering before the finished job's result could be fetched. The job was not cancelled and its result is kept there: trying again fetches it without paying twice.`
            : `${provider} stopped answering while the job ran, so Retouch stopped waiting. The job was not cancelled and may still finish: trying again picks it up without paying twice.`,
          [...retry, 'open-settings', 'show-log'],
        );
      }
      return advice(oneLine(withoutRawBodies(raw)), [...retry, 'open-settings', 'show-log'], {
        complete: true,
      });
    }
    case 'invalid_response':
      return advice(
        `${provider} sent an answer Retouch could not use (what it sent is in the log). Check that the base URL points at the API itself.`,
        [...retry, 'open-settings', 'show-log'],
      );
    case 'rate_limited':
    case 'server':
      return advice(said(`${provider} could not do the edit right now.`), [...retry, 'show-log']);
    case 'payload_too_large':
      return advice(said(`The images are too large for ${provider}.`), [
        'select-model',
        'show-log',
      ]);
    case 'cancelled':
      return advice('The edit was cancelled.', [], {
        complete: oneLine(raw) === 'The edit was cancelled.',
      });
    default:
      return advice(said(oneLine(withoutRawBodies(raw))), ['show-log']);
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
 * What a refusal over HTTP says: `fallback` with the status, and the server's own sentence when
 * it sent a short plain one. Without a status: the message itself when short, else `fallback`.
 */
function serverSaid(
  error: RetouchError,
  raw: string,
  fallback: string,
  secrets: readonly string[],
): Said {
  if (error.status === undefined) {
    const plain = oneLine(withoutRawBodies(raw));
    return plain.length > 0 && plain.length <= 300
      ? { text: plain, complete: true }
      : { text: fallback, complete: false };
  }
  const quoted = error.serverMessage
    ? oneLine(redactSecrets(error.serverMessage, [...secrets]))
    : undefined;
  const sentence =
    quoted && isPlainSentence(quoted)
      ? ` It said: "${quoted}"${/[.!?]$/.test(quoted) ? '' : '.'}`
      : '';
  const next = nextStep(error.code);
  return {
    text: `${fallback.replace(/\.$/, '')} (HTTP ${error.status}).${sentence}${next ? ` ${next}` : ''}`,
    // With the server's own sentence quoted, the rest of the message is its status and ids.
    complete: sentence !== '',
  };
}

/** A title, and whether it says all the message does. */
interface Said {
  text: string;
  complete: boolean;
}

/** What to do after a refusal over HTTP, when the title does not already say it. */
function nextStep(code: RetouchError['code']): string | undefined {
  switch (code) {
    case 'authentication':
      return 'Check the API key.';
    case 'permission':
      return 'Check that the key has access to this model or project.';
    case 'rate_limited':
      return 'Wait a moment and try again, or run fewer edits at once.';
    case 'content_policy':
      return 'Rephrase the prompt or use a different image.';
    case 'payload_too_large':
      return 'Use smaller or fewer images, or compress them.';
    case 'server':
      return 'Try again in a moment.';
    default:
      return undefined;
  }
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
