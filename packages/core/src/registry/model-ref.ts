import { RetouchError } from '../errors/retouch-error.js';

export interface ModelRef {
  provider: string;
  model: string;
}

/**
 * Splits `provider:model` at the first colon, so model ids may themselves contain colons or
 * slashes (`queue:fal-ai/flux-pro/kontext`).
 */
export function parseModelRef(ref: string): ModelRef {
  const colon = ref.indexOf(':');
  const provider = colon > 0 ? ref.slice(0, colon) : '';
  const model = colon > 0 ? ref.slice(colon + 1) : '';
  if (!provider || !model) {
    throw new RetouchError({
      code: 'invalid_request',
      message: `"${ref}" is not a model reference: write it as provider:model, e.g. openai-compatible:gpt-image-1.`,
      issues: [{ field: 'model', message: 'expected provider:model' }],
    });
  }
  return { provider, model };
}
