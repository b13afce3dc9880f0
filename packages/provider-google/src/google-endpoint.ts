import type { GoogleConfig } from './google-config.js';

export const geminiApiRoot = 'https://generativelanguage.googleapis.com/v1beta';

export interface GoogleEndpoint {
  /** The `…:generateContent` URL for a model. */
  generateUrl(model: string): string;
  /** `GET` URL listing the models, where the endpoint has one (the Gemini API). */
  readonly listUrl: string | undefined;
  readonly headers: Record<string, string>;
}

/** Where requests go and how the key travels: the Gemini API's shape, or Vertex AI's. */
export function googleEndpoint(config: GoogleConfig): GoogleEndpoint {
  const vertex = config.vertex;
  const root =
    config.baseURL ??
    (vertex
      ? `https://${vertex.location === 'global' ? '' : `${vertex.location}-`}aiplatform.googleapis.com/v1`
      : geminiApiRoot);
  const modelsPath = vertex
    ? `${root}/projects/${vertex.project}/locations/${vertex.location}/publishers/google/models`
    : `${root}/models`;
  const authStyle = config.authStyle ?? (vertex ? 'bearer' : 'x-goog-api-key');
  const headers: Record<string, string> = { ...config.headers };
  if (config.apiKey !== undefined) {
    if (authStyle === 'bearer') headers.authorization = `Bearer ${config.apiKey}`;
    else headers['x-goog-api-key'] = config.apiKey;
  }
  return {
    generateUrl: (model) => `${modelsPath}/${encodeURIComponent(model)}:generateContent`,
    // One page of up to 1000: the image models may come after many others.
    listUrl: vertex ? undefined : `${modelsPath}?pageSize=1000`,
    headers,
  };
}
