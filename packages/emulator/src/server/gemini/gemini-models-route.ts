import { jsonReply, type Reply } from '../reply.js';
import type { RouteContext } from '../route-context.js';
import { listedGeminiModels } from './gemini-models.js';

/** `GET /v1beta/models`: the image models, in one page. */
export function handleGeminiModels(_ctx: RouteContext): Reply {
  return jsonReply(200, { models: listedGeminiModels() });
}
