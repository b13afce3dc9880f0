/** The routes a fault rule can target. `*` matches every API route (not the admin routes). */
export type RouteName =
  | 'images.edits'
  | 'chat.completions'
  | 'models'
  | 'gemini.generateContent'
  | 'gemini.models'
  | 'queue.submit'
  | 'queue.status'
  | 'queue.status.stream'
  | 'queue.result'
  | 'queue.cancel'
  | 'files'
  | 'storage.initiate'
  | 'storage.upload'
  | 'files.create'
  | 'files.retrieve'
  | 'files.content'
  | 'files.delete'
  | 'batches.create'
  | 'batches.retrieve'
  | 'batches.cancel'
  | 'batches.list';

export const ROUTE_NAMES: readonly RouteName[] = [
  'images.edits',
  'chat.completions',
  'models',
  'gemini.generateContent',
  'gemini.models',
  'queue.submit',
  'queue.status',
  'queue.status.stream',
  'queue.result',
  'queue.cancel',
  'files',
  'storage.initiate',
  'storage.upload',
  'files.create',
  'files.retrieve',
  'files.content',
  'files.delete',
  'batches.create',
  'batches.retrieve',
  'batches.cancel',
  'batches.list',
];

/**
 * One scripted misbehaviour. A rule matches requests to `route`; it skips the first
 * `afterRequests` matching requests, then applies to the next `times` (all, when unset).
 */
export interface FaultRule {
  route: RouteName | '*';
  times?: number;
  afterRequests?: number;
  /** Answer with this status instead of running the route, with `body` or the service's own error body. */
  status?: number;
  body?: unknown;
  /** `Retry-After` header (seconds or an HTTP date). */
  retryAfter?: string | number;
  /**
   * For the Gemini routes: the `google.rpc.RetryInfo.retryDelay` a 429 RESOURCE_EXHAUSTED carries
   * in its body, e.g. `"2s"` or `"0.5s"` (Google sends no Retry-After header).
   */
  retryDelay?: string;
  /** `retry-after-ms` header, as OpenAI sends it. */
  retryAfterMs?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the connection without an answer, before handling the request. */
  drop?: boolean;
  /**
   * Handle the request (a submit creates its job, an edit is done), then destroy the connection
   * instead of answering: the client cannot tell whether its request arrived.
   */
  dropResponse?: boolean;
  /** Send the headers and half the body, then cut the connection. */
  truncate?: boolean;
  /** Answer 200 with a body that is not valid JSON. */
  malformedJson?: boolean;
  /** Replace the Content-Type of the answer. */
  contentType?: string;
  /** Wait this long between server-sent events. */
  slowStreamMs?: number;
  /**
   * For `images.edits`: sign the output images with a C2PA-style manifest, as OpenAI signs its
   * results, so a client's handling of signed files is tested. Not a failure: the edit succeeds.
   */
  sign?: boolean;
  /** For `queue.submit`: the job fails, stalls in progress forever, or vanishes (404). */
  job?: 'fail' | 'stall' | 'vanish';
}

/** Checks a rule from JSON (CLI, environment, admin endpoint); throws a readable error. */
export function parseFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('a fault rule must be a JSON object');
  }
  const rule = value as Record<string, unknown>;
  if (rule.route !== '*' && !ROUTE_NAMES.includes(rule.route as RouteName)) {
    throw new Error(`fault rule route must be '*' or one of ${ROUTE_NAMES.join(', ')}`);
  }
  const numbers = ['times', 'afterRequests', 'status', 'retryAfterMs', 'delayMs', 'slowStreamMs'];
  for (const key of numbers) {
    const v = rule[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new Error(`fault rule '${key}' must be a non-negative number`);
    }
  }
  if (
    rule.status !== undefined &&
    ((rule.status as number) < 100 || (rule.status as number) > 599)
  ) {
    throw new Error("fault rule 'status' must be an HTTP status code");
  }
  for (const key of ['drop', 'dropResponse', 'truncate', 'malformedJson', 'sign']) {
    if (rule[key] !== undefined && typeof rule[key] !== 'boolean') {
      throw new Error(`fault rule '${key}' must be a boolean`);
    }
  }
  if (rule.job !== undefined && !['fail', 'stall', 'vanish'].includes(rule.job as string)) {
    throw new Error("fault rule 'job' must be 'fail', 'stall' or 'vanish'");
  }
  if (
    rule.retryDelay !== undefined &&
    (typeof rule.retryDelay !== 'string' || !/^\d+(\.\d{1,9})?s$/.test(rule.retryDelay))
  ) {
    throw new Error('fault rule \'retryDelay\' must be a duration such as "12s" or "0.5s"');
  }
  if (rule.contentType !== undefined && typeof rule.contentType !== 'string') {
    throw new Error("fault rule 'contentType' must be a string");
  }
  const retryAfter = rule.retryAfter;
  if (
    retryAfter !== undefined &&
    typeof retryAfter !== 'string' &&
    typeof retryAfter !== 'number'
  ) {
    throw new Error("fault rule 'retryAfter' must be a string or a number");
  }
  return rule as unknown as FaultRule;
}

/** Parses a JSON text holding one rule or an array of rules. */
export function parseFaultRules(text: string): FaultRule[] {
  const value: unknown = JSON.parse(text);
  return (Array.isArray(value) ? value : [value]).map(parseFaultRule);
}
