import { type HttpResponse, parseServerSentEvents, type ServerSentEvent } from '@retouch/core/http';
import type {
  ImageUsage,
  ProviderEditResult,
  ProviderImage,
  ProviderProgressEvent,
} from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import * as z from 'zod/mini';
import {
  type OpenAIErrorContext,
  parseOpenAIErrorBody,
  streamErrorToRetouchError,
} from './map-openai-error.js';
import {
  decodeBase64Image,
  echoedSettings,
  echoedSettingsSchema,
  imagesUsageSchema,
  mediaTypeForFormat,
  quoteBody,
  toImageUsage,
} from './parse-images-response.js';

const partialImageEventSchema = z.extend(echoedSettingsSchema, {
  type: z.literal('image_edit.partial_image'),
  b64_json: z.string().check(z.minLength(1)),
  partial_image_index: z.optional(z.int().check(z.minimum(0))),
});

const completedEventSchema = z.extend(echoedSettingsSchema, {
  type: z.literal('image_edit.completed'),
  b64_json: z.string().check(z.minLength(1)),
  usage: z.nullish(imagesUsageSchema),
});

export interface EditStreamContext extends OpenAIErrorContext {
  requestId: string | undefined;
  /** Images this call asked for: the stream is done after that many `image_edit.completed`. */
  n: number;
  onProgress: (event: ProviderProgressEvent) => void;
}

function addUsage(total: ImageUsage | undefined, next: ImageUsage): ImageUsage {
  if (!total) return next;
  const sum = (a?: number, b?: number) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  return {
    ...total,
    inputTokens: sum(total.inputTokens, next.inputTokens),
    outputTokens: sum(total.outputTokens, next.outputTokens),
    totalTokens: sum(total.totalTokens, next.totalTokens),
  };
}

function parseEventData(event: ServerSentEvent, context: EditStreamContext): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new RetouchError({
      code: 'invalid_response',
      provider: context.provider,
      requestId: context.requestId,
      message: `${context.provider}: the edit stream sent an event that is not JSON: ${quoteBody(event.data, context.secrets)} Check that the base URL points at an OpenAI-compatible /images/edits endpoint.`,
    });
  }
}

function isErrorEvent(event: ServerSentEvent, data: unknown): boolean {
  if (event.event === 'error') return true;
  if (typeof data !== 'object' || data === null) return false;
  return (data as { type?: unknown }).type === 'error' || 'error' in data;
}

/**
 * Reads an `ImageEditStreamEvent` stream: partial images become progress events, each
 * `image_edit.completed` carries a final image, and an error event ends the edit with a
 * RetouchError.
 */
export async function readEditStream(
  source: HttpResponse | ReadableStream<Uint8Array>,
  context: EditStreamContext,
): Promise<ProviderEditResult> {
  // Each event carries at most one image, so each is capped at one image's allowance.
  const events =
    'events' in source
      ? source.events({ images: 1 })
      : parseServerSentEvents(source, { provider: context.provider });
  const images: ProviderImage[] = [];
  let usage: ImageUsage | undefined;
  let echoed: Record<string, unknown> | undefined;
  let partialCount = 0;

  for await (const event of events) {
    if (event.data === '[DONE]') break;
    if (!event.data.trim()) continue;
    const data = parseEventData(event, context);
    if (isErrorEvent(event, data)) {
      throw streamErrorToRetouchError(parseOpenAIErrorBody(data), context);
    }
    const partial = partialImageEventSchema.safeParse(data);
    if (partial.success) {
      const mediaType = mediaTypeForFormat(partial.data.output_format);
      context.onProgress({
        type: 'partial-image',
        index: partial.data.partial_image_index ?? partialCount,
        image: decodeBase64Image(partial.data.b64_json),
        ...(mediaType ? { mediaType } : {}),
      });
      partialCount += 1;
      continue;
    }
    const completed = completedEventSchema.safeParse(data);
    if (completed.success) {
      const mediaType = mediaTypeForFormat(completed.data.output_format);
      images.push({
        data: decodeBase64Image(completed.data.b64_json),
        ...(mediaType ? { mediaType } : {}),
      });
      if (completed.data.usage) usage = addUsage(usage, toImageUsage(completed.data.usage));
      echoed = echoedSettings(completed.data) ?? echoed;
      if (images.length >= context.n) break;
    }
    // Other event types (keep-alives, future additions) carry nothing an edit needs.
  }

  if (images.length === 0) {
    throw new RetouchError({
      code: 'invalid_response',
      // A stream cut short is usually a dropped connection, worth another attempt.
      retryable: true,
      provider: context.provider,
      requestId: context.requestId,
      message: `${context.provider}: the edit stream ended without an image_edit.completed event. Try again, or edit without partial images.`,
    });
  }
  const result: ProviderEditResult = { images, requestId: context.requestId };
  if (usage) result.usage = usage;
  if (echoed) result.echoed = echoed;
  return result;
}
