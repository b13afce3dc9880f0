import type { OpenAICompatibleConfig } from './openai-compatible-config.js';

/** Where and how to reach the edit endpoint, derived once from the configuration. */
export interface OpenAICompatibleConnection {
  /** `${baseURL}/images/edits` with the configured query parameters. */
  editUrl: string;
  /** `${baseURL}/chat/completions`, for the chat wire. */
  chatUrl: string;
  /** `${baseURL}/models`, where a server lists its models. */
  modelsUrl: string;
  /** Only this origin ever receives the credentials. */
  authOrigin: string;
  /** Configured extra headers plus the auth header, names lower-cased. */
  headers: Record<string, string>;
  /** The credential headers alone, offered to same-origin downloads. */
  authHeaders: Record<string, string>;
  /** Every secret value this configuration holds, for redaction. */
  secrets: string[];
}

const secretName = /authorization|api[-_]?key|token|secret|password|signature|^sig$/i;

function endpoint(config: OpenAICompatibleConfig, path: string): URL {
  const url = new URL(config.baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [name, value] of Object.entries(config.queryParams)) url.searchParams.set(name, value);
  return url;
}

export function createConnection(config: OpenAICompatibleConfig): OpenAICompatibleConnection {
  const url = endpoint(config, '/images/edits');

  const authHeaders: Record<string, string> = {};
  const headers: Record<string, string> = {};
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(config.headers)) {
    headers[name.toLowerCase()] = value;
    if (secretName.test(name)) {
      authHeaders[name.toLowerCase()] = value;
      secrets.add(value);
      // `Bearer K` → K on its own too, in case a server echoes just the token.
      const token = value.split(/\s+/).at(-1);
      if (token) secrets.add(token);
    }
  }
  if (config.apiKey) {
    secrets.add(config.apiKey);
    if (config.authStyle === 'api-key') authHeaders['api-key'] = config.apiKey;
    else authHeaders.authorization = `Bearer ${config.apiKey}`;
    Object.assign(headers, authHeaders);
  }
  for (const [name, value] of Object.entries(config.queryParams)) {
    if (secretName.test(name) || /^key$/i.test(name)) secrets.add(value);
  }

  if (config.proxy) {
    const proxy = new URL(config.proxy);
    if (proxy.password) secrets.add(decodeURIComponent(proxy.password));
  }

  return {
    editUrl: url.toString(),
    chatUrl: endpoint(config, '/chat/completions').toString(),
    modelsUrl: endpoint(config, '/models').toString(),
    authOrigin: url.origin,
    headers,
    authHeaders,
    secrets: [...secrets].filter((secret) => secret.length > 0),
  };
}
