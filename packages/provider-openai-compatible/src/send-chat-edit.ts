import type { EditCall } from '@retouch/core/provider';
import { buildChatBody } from './build-chat-body.js';
import { isStreamRejection, readOpenAIError } from './map-openai-error.js';
import { parseChatResponse } from './parse-chat-response.js';
import { readChatStream } from './parse-chat-stream.js';
import type { SendContext, SendOptions, SendOutcome } from './send-context.js';

/** `POST /chat/completions` asking for image output, answered as JSON or as an event stream. */
export async function sendChatEdit(
  call: EditCall,
  options: SendOptions,
  context: SendContext,
): Promise<SendOutcome> {
  const { provider, secrets, connection, client, config } = context;
  const body = await buildChatBody(call, options);
  const response = await client.request({
    method: 'POST',
    url: connection.chatUrl,
    headers: {
      accept: options.stream ? 'text/event-stream, application/json' : 'application/json',
      'content-type': 'application/json',
      ...connection.headers,
    },
    body,
    signal: call.signal,
  });
  if (!response.ok) {
    const { error, detail } = await readOpenAIError(response, { provider, secrets });
    if (options.stream && detail && isStreamRejection(response.status, detail)) {
      return { streamRejected: detail };
    }
    throw error;
  }
  const parseContext = {
    provider,
    secrets,
    requestId: response.requestId,
    wanted: call.n,
    signal: call.signal,
    download: (url: string, signal?: AbortSignal) => context.download(url, signal ?? call.signal),
  };
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const result = await readChatStream(response, {
      ...parseContext,
      onProgress: call.onProgress,
      imagesPerEvent: call.n,
      // Markdown answers carry base64 images in their text: allow what a download may be, twice.
      maxTextLength: config.maxDownloadBytes * 2,
    });
    return { result };
  }
  // A chat answer carries up to n images inline (base64): the read is capped for that many.
  return { result: await parseChatResponse(await response.text({ images: call.n }), parseContext) };
}
