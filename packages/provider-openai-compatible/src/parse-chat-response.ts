import { fetchRequestedImages } from '@retouch/core/http';
import type { ImageUsage, ProviderEditResult, ProviderImage } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import * as z from 'zod/mini';
import {
  type ChatMessageContent,
  cleanText,
  maxImagesPerAnswer,
  readChatMessage,
} from './chat-message-images.js';
import {
  type OpenAIErrorContext,
  parseOpenAIErrorBody,
  streamErrorToRetouchError,
} from './map-openai-error.js';
import { quoteBody } from './parse-images-response.js';
import { tokenUsageSchema, toTokenUsage } from './token-usage.js';

export interface ParseChatContext extends OpenAIErrorContext {
  requestId: string | undefined;
  /** Images the call asked for: no more are fetched, however many the answer offers. */
  wanted: number;
  /** The call's signal; fetches stop with it. */
  signal?: AbortSignal;
  /** Fetches an image the answer points to: data URLs and http(s), the guarded download. */
  download: (
    url: string,
    signal?: AbortSignal,
  ) => Promise<{ bytes: Uint8Array; mediaType: string }>;
}

/** Chat's usage: prompt, completion and total tokens; anything else (cost, details) kept. */
export const chatUsageSchema = tokenUsageSchema('prompt_tokens', 'completion_tokens');

const completionSchema = z.object({
  id: z.catch(z.optional(z.string()), undefined),
  model: z.catch(z.optional(z.string()), undefined),
  created: z.catch(z.optional(z.number()), undefined),
  choices: z.array(
    z.partial(z.object({ message: z.unknown(), finish_reason: z.unknown(), error: z.unknown() })),
  ),
  usage: z.catch(z.nullish(chatUsageSchema), undefined),
});

export function toChatUsage(usage: z.infer<typeof chatUsageSchema>): ImageUsage {
  return toTokenUsage(usage, 'prompt_tokens', 'completion_tokens');
}

/** One choice as the parsers saw it, before its images are fetched. */
export interface ChatAnswer extends ChatMessageContent {
  finishReason?: string;
}

/** Turns a 200 chat completion into images; an answer without any is `invalid_response`. */
export async function parseChatResponse(
  text: string,
  context: ParseChatContext,
): Promise<ProviderEditResult> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (typeof json === 'object' && json !== null && 'error' in json) {
    throw streamErrorToRetouchError(parseOpenAIErrorBody(json), context, 'the answer');
  }
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success) {
    throw new RetouchError({
      code: 'invalid_response',
      provider: context.provider,
      requestId: context.requestId,
      message: `${context.provider}: the server answered 200 but not with a chat completion (expected "choices": [{ "message": … }]). It sent: ${quoteBody(cleanText(text), context.secrets)} Check that the base URL points at an OpenAI-compatible API, or use the images wire.`,
    });
  }
  const completion = parsed.data;
  const choiceError = completion.choices.find((choice) => choice.error)?.error;
  const answers: ChatAnswer[] = completion.choices.slice(0, maxImagesPerAnswer).map((choice) => ({
    ...readChatMessage(choice.message),
    ...(typeof choice.finish_reason === 'string' ? { finishReason: choice.finish_reason } : {}),
  }));
  if (choiceError && answers.every((answer) => answer.imageUrls.length === 0)) {
    throw streamErrorToRetouchError(parseOpenAIErrorBody(choiceError), context, 'the answer');
  }
  const result = await chatAnswersToResult(answers, context);
  if (completion.usage) result.usage = toChatUsage(completion.usage);
  const metadata = Object.fromEntries(
    (['id', 'model', 'created'] as const)
      .filter((key) => completion[key] !== undefined)
      .map((key) => [key, completion[key]]),
  );
  if (Object.keys(metadata).length > 0) result.providerMetadata = metadata;
  return result;
}

/**
 * Fetches every image the answers point to, keeping each choice's words as the revised prompt.
 * Shared by the plain and the streamed answer.
 */
export async function chatAnswersToResult(
  answers: readonly ChatAnswer[],
  context: ParseChatContext,
): Promise<ProviderEditResult> {
  if (answers.every((answer) => answer.imageUrls.length === 0))
    throw noImageError(answers, context);
  // However many choices an answer has, only the images the call asked for are fetched, in order.
  const urls = answers.flatMap((answer) => answer.imageUrls.map((url) => ({ answer, url })));
  const { images, warning } = await fetchRequestedImages(urls, {
    provider: context.provider,
    wanted: context.wanted,
    signal: context.signal,
    fetch: async ({ answer, url }, signal): Promise<ProviderImage> => {
      const { bytes, mediaType } = await context.download(url, signal);
      const image: ProviderImage = { data: bytes, mediaType };
      if (answer.text) image.revisedPrompt = answer.text;
      return image;
    },
  });
  const result: ProviderEditResult = { images, requestId: context.requestId };
  if (warning) result.warnings = [warning];
  return result;
}

/** Models often explain a refusal in words: the error quotes them, sanitised and short. */
function noImageError(answers: readonly ChatAnswer[], context: ParseChatContext): RetouchError {
  const said = answers.map((answer) => answer.text).find((text) => text);
  const filtered = answers.some((answer) => answer.finishReason === 'content_filter');
  const quoted = said
    ? `The model said: "${quoteBody(said, context.secrets)}"`
    : 'It sent no text.';
  return new RetouchError({
    code: filtered ? 'content_policy' : 'invalid_response',
    retryable: false,
    provider: context.provider,
    requestId: context.requestId,
    message: `${context.provider}: the model answered without an image. ${quoted} ${
      filtered
        ? 'Rephrase the prompt or use other images.'
        : 'Rephrase the prompt, or check that this model can output images.'
    }`,
  });
}
