import { isoDateSchema, RetouchError } from '@retouch/core/provider';
import * as z from 'zod/mini';
import { hasUnsafeCharacters } from './chat-message-images.js';
import { readOpenAIError } from './map-openai-error.js';
import type { Wire } from './openai-compatible-config.js';
import { type OpenAICompatibleModel, permissiveModel } from './openai-compatible-models.js';
import type { SendContext } from './send-context.js';

/** What a server says about one model in `GET /models`. */
export interface ServerModel {
  id: string;
  shutdownDate?: string;
  deprecationDate?: string;
  /** From `architecture.output_modalities` (OpenRouter) or `type: "image"` (Vercel). */
  outputsImages?: boolean;
}

/** A day from `2026-12-01`, `2026-12-01T00:00:00Z` or a Unix time in seconds; else nothing. */
const serverDate = z.catch(
  z.pipe(
    z.nullish(z.union([z.string(), z.number()])),
    z.transform((value) => {
      if (value === null || value === undefined) return undefined;
      const day =
        typeof value === 'number' ? new Date(value * 1000).toISOString() : value.slice(0, 10);
      const parsed = isoDateSchema.safeParse(day.slice(0, 10));
      return parsed.success ? parsed.data : undefined;
    }),
  ),
  undefined,
);

const listedModelSchema = z.object({
  // An id is printed in pickers and terminals: one with control characters is skipped.
  id: z.string().check(
    z.minLength(1),
    z.maxLength(300),
    z.refine((id) => !hasUnsafeCharacters(id)),
  ),
  shutdown_date: serverDate,
  deprecation_date: serverDate,
  type: z.catch(z.optional(z.string()), undefined),
  architecture: z.catch(
    z.optional(
      z.object({ output_modalities: z.catch(z.optional(z.array(z.string())), undefined) }),
    ),
    undefined,
  ),
});

/** More entries than any real catalogue holds are cut, so a hostile list cannot grow unbounded. */
const maxListedModels = 5000;

/** `GET {baseURL}/models`, read bounded and tolerantly: a malformed entry is skipped, not fatal. */
export async function fetchServerModels(
  context: SendContext,
  signal?: AbortSignal,
): Promise<ServerModel[]> {
  const { provider, secrets, connection, client } = context;
  const response = await client.request({
    method: 'GET',
    url: connection.modelsUrl,
    headers: { accept: 'application/json', ...connection.headers },
    signal,
  });
  if (!response.ok) throw (await readOpenAIError(response, { provider, secrets })).error;
  // A model list holds no images: it is read under the document cap.
  const json = await response.json({ images: 0 });
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) {
    throw new RetouchError({
      code: 'invalid_response',
      provider,
      requestId: response.requestId,
      message: `${provider}: ${connection.modelsUrl.split('?')[0]} did not answer with a model list ("data": [{ "id": … }]).`,
    });
  }
  const models: ServerModel[] = [];
  for (const entry of data.slice(0, maxListedModels)) {
    const parsed = listedModelSchema.safeParse(entry);
    if (!parsed.success) continue;
    const { id, shutdown_date, deprecation_date, type, architecture } = parsed.data;
    const model: ServerModel = { id };
    if (shutdown_date) model.shutdownDate = shutdown_date;
    if (deprecation_date) model.deprecationDate = deprecation_date;
    const outputs = architecture?.output_modalities;
    if (outputs || type)
      model.outputsImages = Boolean(outputs?.includes('image') || type === 'image');
    models.push(model);
  }
  return models;
}

/**
 * The table with what the server said laid over it: a listed shutdown date replaces the data's
 * (the server knows its own plans best), and image models the table lacks are added with
 * permissive capabilities. A server's other models (text, audio, …) are left out.
 */
export function mergeServerModels(
  table: readonly OpenAICompatibleModel[],
  server: readonly ServerModel[],
  wire: Wire | undefined,
): OpenAICompatibleModel[] {
  const merged = new Map(table.map((model) => [model.info.id, model]));
  for (const listed of server) {
    const known = merged.get(listed.id);
    if (known) {
      merged.set(listed.id, withServerLifecycle(known, listed));
      continue;
    }
    const isImageModel = listed.outputsImages ?? /image|dall-e/i.test(listed.id);
    if (!isImageModel) continue;
    // Gateways that describe modalities serve image models through chat completions.
    const inferred: Wire = listed.outputsImages ? 'chat' : 'images';
    merged.set(
      listed.id,
      withServerLifecycle(permissiveModel(listed.id, wire ?? inferred), listed),
    );
  }
  return [...merged.values()];
}

function withServerLifecycle(
  model: OpenAICompatibleModel,
  listed: ServerModel,
): OpenAICompatibleModel {
  if (!listed.shutdownDate && !listed.deprecationDate) return model;
  const lifecycle = { ...model.info.lifecycle };
  if (listed.shutdownDate) lifecycle.shutdownDate = listed.shutdownDate;
  if (listed.deprecationDate) lifecycle.deprecationDate = listed.deprecationDate;
  return { ...model, info: { ...model.info, lifecycle } };
}
