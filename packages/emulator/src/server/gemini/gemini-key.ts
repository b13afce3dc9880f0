import type { IncomingHttpHeaders } from 'node:http';

/**
 * The key of a Gemini request: the `x-goog-api-key` header or the `?key=` query parameter (the
 * Gemini API), or `Authorization: Bearer` (Vertex AI's access token, and gateways).
 */
export function geminiKey(headers: IncomingHttpHeaders, url: URL): string | undefined {
  const header = headers['x-goog-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const query = url.searchParams.get('key');
  if (query?.trim()) return query.trim();
  const auth = headers.authorization;
  if (typeof auth === 'string') return /^\s*bearer\s+(.+?)\s*$/i.exec(auth)?.[1];
  return undefined;
}
