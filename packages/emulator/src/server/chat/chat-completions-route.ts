import { EditInputError } from '../../edit/edit-input-error.js';
import { type EditResult, renderEdit } from '../../edit/render-edit.js';
import { EditRequestError } from '../parse-edit-request.js';
import { jsonReply, openAiError, type Reply, sseFrame, sseReply } from '../reply-helpers.js';
import type { RouteContext } from '../route-context.js';
import { chatChoices, completionBody, completionChunks } from './chat-answer.js';
import { type ChatEditRequest, parseChatRequest } from './parse-chat-request.js';

/**
 * `POST /v1/chat/completions`: an image edit in chat shape, as gateways serve image models. The
 * edit itself is the images API's; only the envelope differs.
 */
export async function handleChatCompletions(ctx: RouteContext): Promise<Reply> {
  let request: ChatEditRequest;
  let result: EditResult | undefined;
  try {
    request = await parseChatRequest(await ctx.body());
    if (request.output !== 'text-only') {
      result = await renderEdit({
        prompt: request.prompt,
        images: request.images,
        mask: request.mask,
        n: request.n,
      });
    }
  } catch (error) {
    if (error instanceof EditRequestError || error instanceof EditInputError) {
      return openAiError(400, error.message, { param: error.param, code: error.code });
    }
    throw error;
  }
  const choices = chatChoices(request, result, (index) => {
    const image = result!.images[index]!;
    const file = ctx.state.files.put(image.bytes, image.mediaType, image.format);
    return `${ctx.origin}/files/${file.id}`;
  });
  const id = `chatcmpl-${ctx.requestId.slice(4, 28)}`;
  const created = Math.floor(Date.now() / 1000);
  if (!request.stream) return jsonReply(200, completionBody(id, request, choices, created));
  async function* events(): AsyncGenerator<string> {
    for (const chunk of completionChunks(id, request, choices, created)) yield sseFrame(chunk);
    yield 'data: [DONE]\n\n';
  }
  return sseReply(events());
}
