import { type HttpResponse, parseServerSentEvents } from '@retouch/core/http';
import type { ImageUsage, ProviderEditResult, ProviderProgressEvent } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import { maxImagesPerAnswer, readChatMessage } from './chat-message-images.js';
import { parseOpenAIErrorBody, streamErrorToRetouchError } from './map-openai-error.js';
import {
  type ChatAnswer,
  chatAnswersToResult,
  chatUsageSchema,
  type ParseChatContext,
  toChatUsage,
} from './parse-chat-response.js';
import { quoteBody } from './parse-images-response.js';

export interface ChatStreamContext extends ParseChatContext {
  onProgress: (event: ProviderProgressEvent) => void;
  /** Longest text the stream may accumulate (markdown answers carry images in their text). */
  maxTextLength: number;
  /** Images one event may carry, for the read cap (the call's `n`). */
  imagesPerEvent: number;
}

interface ChoiceState {
  text: string[];
  length: number;
  imageUrls: string[];
  finishReason?: string;
}

/**
 * Reads a streamed chat completion: text deltas accumulate per choice, `delta.images` carry
 * final images (each shown at once as a preview), a usage chunk closes it, `[DONE]` ends it.
 * An error chunk ends the edit with a RetouchError.
 */
export async function readChatStream(
  source: HttpResponse | ReadableStream<Uint8Array>,
  streamContext: ChatStreamContext,
): Promise<ProviderEditResult> {
  // An event may carry every image of its choice: each is capped at that many images' worth.
  const events =
    'events' in source
      ? source.events({ images: streamContext.imagesPerEvent })
      : parseServerSentEvents(source, { provider: streamContext.provider });
  // A previewed image is decoded once: the result reuses the preview's bytes.
  const fetched = new Map<string, ReturnType<ChatStreamContext['download']>>();
  const context: ChatStreamContext = {
    ...streamContext,
    download: (url, signal) => {
      let pending = fetched.get(url);
      if (!pending) {
        pending = streamContext.download(url, signal);
        fetched.set(url, pending);
      }
      return pending;
    },
  };
  const choices = new Map<number, ChoiceState>();
  let usage: ImageUsage | undefined;
  let done = false;
  let previews = 0;
  const choice = (index: number) => {
    let state = choices.get(index);
    if (!state) {
      state = { text: [], length: 0, imageUrls: [] };
      choices.set(index, state);
    }
    return state;
  };

  for await (const event of events) {
    if (event.data === '[DONE]') {
      done = true;
      break;
    }
    if (!event.data.trim()) continue;
    const chunk = parseChunk(event.data, context);
    if (chunk.error !== undefined || event.event === 'error') {
      throw streamErrorToRetouchError(parseOpenAIErrorBody(chunk), context);
    }
    if (chunk.usage) {
      const parsed = chatUsageSchema.safeParse(chunk.usage);
      if (parsed.success) usage = toChatUsage(parsed.data);
    }
    for (const raw of Array.isArray(chunk.choices) ? chunk.choices.slice(0, 64) : []) {
      const { index, delta, finish_reason } = (raw ?? {}) as {
        index?: unknown;
        delta?: unknown;
        finish_reason?: unknown;
      };
      const state = choice(typeof index === 'number' && index >= 0 && index < 64 ? index : 0);
      if (typeof finish_reason === 'string') state.finishReason = finish_reason;
      const { content, images } = (delta ?? {}) as { content?: unknown; images?: unknown };
      if (typeof content === 'string' && content) {
        state.length += content.length;
        if (state.length > context.maxTextLength) throw tooLong(context);
        state.text.push(content);
      }
      for (const url of readChatMessage({ images }).imageUrls) {
        if (state.imageUrls.length >= maxImagesPerAnswer) break;
        state.imageUrls.push(url);
        previews = await preview(url, previews, context);
      }
    }
  }

  const answers: ChatAnswer[] = [...choices.values()].map((state) => {
    // Markdown answers stream their images inside the text, so the text is read at the end.
    const written = readChatMessage({ content: state.text.join('') });
    return {
      text: written.text,
      imageUrls: [...state.imageUrls, ...written.imageUrls],
      ...(state.finishReason ? { finishReason: state.finishReason } : {}),
    };
  });
  const finished = done || answers.some((answer) => answer.finishReason);
  if (!finished && answers.every((answer) => answer.imageUrls.length === 0)) {
    throw new RetouchError({
      code: 'invalid_response',
      // A stream cut short is usually a dropped connection, worth another attempt.
      retryable: true,
      provider: context.provider,
      requestId: context.requestId,
      message: `${context.provider}: the chat stream ended before the model finished, without an image. Try again, or edit without partial images.`,
    });
  }
  const result = await chatAnswersToResult(answers, context);
  if (usage) result.usage = usage;
  return result;
}

function parseChunk(data: string, context: ChatStreamContext): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RetouchError({
      code: 'invalid_response',
      provider: context.provider,
      requestId: context.requestId,
      message: `${context.provider}: the chat stream sent an event that is not a JSON object: ${quoteBody(data, context.secrets)} Check that the base URL points at an OpenAI-compatible API.`,
    });
  }
  return json as Record<string, unknown>;
}

/** A streamed data URL is the final image already: show it now rather than after the usage chunk. */
async function preview(url: string, shown: number, context: ChatStreamContext): Promise<number> {
  if (!url.startsWith('data:')) return shown;
  const { bytes, mediaType } = await context.download(url);
  context.onProgress({ type: 'partial-image', index: shown, image: bytes, mediaType });
  return shown + 1;
}

function tooLong(context: ChatStreamContext): RetouchError {
  return new RetouchError({
    code: 'invalid_response',
    retryable: false,
    provider: context.provider,
    requestId: context.requestId,
    message: `${context.provider}: the chat stream sent more than ${context.maxTextLength} characters of text, more than any edit answer needs, so it was abandoned.`,
  });
}
