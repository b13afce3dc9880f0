import type { OpenAICompatibleConfig } from '../openai-compatible-config.js';

/** `${baseURL}${path}` with the configured query parameters, as the edit endpoint is built. */
export function batchEndpoint(
  config: OpenAICompatibleConfig,
  path: string,
  query: Record<string, string> = {},
): string {
  const url = new URL(config.baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [name, value] of Object.entries({ ...config.queryParams, ...query })) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}
