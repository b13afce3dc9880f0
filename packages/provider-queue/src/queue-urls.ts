import { RetouchError } from '@retouch/core/provider';
import type { QueueConfig } from './queue-config.js';

export interface JobUrls {
  statusUrl: string;
  responseUrl: string;
  cancelUrl: string;
}

/**
 * The endpoint id as URL path segments. Sub-paths (`owner/model/edit`) are kept; anything that
 * could climb out of the base path or smuggle a query is refused.
 */
export function modelPath(model: string): string {
  const segments = model.split('/');
  const bad = segments.some((s) => s === '' || s === '.' || s === '..' || /[?#\\\s]/.test(s));
  if (bad) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: 'queue',
      retryable: false,
      message: `"${model}" is not a queue endpoint id. Write it as the path after the base URL, e.g. fal-ai/flux-pro/kontext.`,
      issues: [{ field: 'model', message: 'not a valid endpoint path' }],
    });
  }
  return segments.map(encodeURIComponent).join('/');
}

export function submitUrl(config: QueueConfig, model: string): string {
  return `${config.baseURL}/${modelPath(model)}`;
}

/** URLs built from `pathTemplates`, only for servers whose submit response carries none. */
export function templateUrls(config: QueueConfig, model: string, requestId: string): JobUrls {
  const fill = (template: string): string =>
    template
      .replaceAll('{base}', config.baseURL)
      .replaceAll('{model}', modelPath(model))
      .replaceAll('{id}', encodeURIComponent(requestId));
  return {
    statusUrl: fill(config.pathTemplates.status),
    responseUrl: fill(config.pathTemplates.response),
    cancelUrl: fill(config.pathTemplates.cancel),
  };
}

/** `…/status` → `…/status/stream`, keeping any query the server put on the status URL. */
export function statusStreamUrl(statusUrl: string, logs: boolean): string {
  const url = new URL(statusUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/stream`;
  if (logs) url.searchParams.set('logs', '1');
  return url.href;
}

export function statusPollUrl(statusUrl: string, logs: boolean): string {
  if (!logs) return statusUrl;
  const url = new URL(statusUrl);
  url.searchParams.set('logs', '1');
  return url.href;
}
