import { findModel, prepareProvider } from './prepare-provider.js';
import type { RetouchServices } from './services.js';

/**
 * How a provider and model read to a person ("GPT Image 1 · OpenAI-compatible"), for lists
 * that would otherwise show ids (`openai-compatible:gpt-image-1`). An unknown provider or model
 * keeps its id: better than nothing.
 */
export async function modelDisplayNames(
  services: RetouchServices,
): Promise<(provider: string, model: string) => string> {
  const providers = new Map(services.providers.info().map((info) => [info.id, info.displayName]));
  const made = new Map<string, Awaited<ReturnType<typeof prepareProvider>> | undefined>();
  const models = new Map<string, string>();
  for (const id of providers.keys()) {
    made.set(id, await prepareProvider(services, id).catch(() => undefined));
  }
  return (provider, model) => {
    const key = `${provider}\n${model}`;
    let name = models.get(key);
    if (name === undefined) {
      const prepared = made.get(provider);
      const info = prepared ? findModel(prepared.provider, model) : undefined;
      name = info?.displayName ?? model;
      models.set(key, name);
    }
    return `${name} · ${providers.get(provider) ?? provider}`;
  };
}
