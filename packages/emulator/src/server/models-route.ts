import { jsonReply, type Reply } from './reply.js';
import type { RouteContext } from './route-context.js';

/** A model as `GET /v1/models` lists it; extra fields (lifecycle, modalities) pass through. */
export type ListedModel = { id: string } & Record<string, unknown>;

const created = 1_745_000_000;

// OpenAI lists `shutdown_date` (YYYY-MM-DD, or null when none is announced) on each model.
const openAiModels: ListedModel[] = [
  { id: 'gpt-image-2.6-flare', shutdown_date: null },
  { id: 'gpt-image-2.6-sunburst', shutdown_date: null },
  { id: 'gpt-image-2.5-flare', shutdown_date: null },
  { id: 'gpt-image-2.5-sunburst', shutdown_date: null },
  { id: 'gpt-image-2', shutdown_date: null },
  { id: 'gpt-image-2-2026-04-21', shutdown_date: null },
  { id: 'gpt-image-1.5', shutdown_date: '2026-12-01' },
  { id: 'gpt-image-1', shutdown_date: null },
  { id: 'gpt-image-1-mini', shutdown_date: '2026-12-01' },
  { id: 'chatgpt-image-latest', shutdown_date: '2026-12-01' },
  { id: 'dall-e-2', shutdown_date: '2026-05-12' },
].map((model) => ({ ...model, object: 'model', created, owned_by: 'system' }));

// Gateways describe what a model takes and returns; these answer on /v1/chat/completions.
const chatModels: ListedModel[] = [
  'retouch-emulator/chat-image',
  'retouch-emulator/chat-image-markdown',
  'retouch-emulator/chat-image-markdown-url',
  'retouch-emulator/chat-text-only',
].map((id) => ({
  id,
  object: 'model',
  created,
  owned_by: 'retouch-emulator',
  architecture: {
    input_modalities: ['text', 'image'],
    output_modalities: id.endsWith('text-only') ? ['text'] : ['image', 'text'],
  },
}));

/** `GET /v1/models`: the built-in list, with models added by `startEmulator({ models })` last. */
export function handleModels(ctx: RouteContext): Reply {
  const extra = ctx.state.config.models ?? [];
  const ids = new Set(extra.map((model) => model.id));
  const data = [...openAiModels, ...chatModels].filter((model) => !ids.has(model.id));
  return jsonReply(200, { object: 'list', data: [...data, ...extra] });
}
