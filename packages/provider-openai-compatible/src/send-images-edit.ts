import type { EditCall } from '@retouch/core/provider';
import { buildJsonBody } from './build-json-body.js';
import { buildMultipartBody } from './build-multipart-body.js';
import { isStreamRejection, readOpenAIError } from './map-openai-error.js';
import { readEditStream } from './parse-edit-stream.js';
import { parseImagesResponse } from './parse-images-response.js';
import type { SendContext, SendOptions, SendOutcome } from './send-context.js';

/** `POST /images/edits`, multipart or JSON, answered as JSON or as an event stream. */
export async function sendImagesEdit(
  call: EditCall,
  options: SendOptions & { bodyMode: 'multipart' | 'json' },
  context: SendContext,
): Promise<SendOutcome> {
  const { provider, secrets, connection, client, config } = context;
  const { model, bodyMode, providerOptions, stream } = options;
  const fieldOptions = { model, providerOptions, stream };
  const headers: Record<string, string> = {
    accept: stream ? 'text/event-stream, application/json' : 'application/json',
    ...connection.headers,
  };
  let body: string | ReturnType<typeof buildMultipartBody>['body'];
  if (bodyMode === 'json') {
    body = await buildJsonBody(call, fieldOptions);
    headers['content-type'] = 'application/json';
  } else {
    const multipart = buildMultipartBody(call, {
      ...fieldOptions,
      imageFieldStyle: config.imageFieldStyle,
    });
    body = multipart.body;
    options.warnings.push(...multipart.warnings);
  }

  const response = await client.request({
    method: 'POST',
    url: connection.editUrl,
    headers,
    body,
    signal: call.signal,
  });
  if (!response.ok) {
    const { error, detail } = await readOpenAIError(response, { provider, secrets });
    if (stream && detail && isStreamRejection(response.status, detail)) {
      return { streamRejected: detail };
    }
    throw error;
  }
  const requestId = response.requestId;
  const contentType = response.headers.get('content-type') ?? '';
  // A gateway may ignore `stream` and answer with plain JSON; both are fine.
  if (contentType.includes('text/event-stream')) {
    const result = await readEditStream(response, {
      provider,
      secrets,
      requestId,
      n: call.n,
      onProgress: call.onProgress,
    });
    return { result };
  }
  // An images response carries up to n base64 images: the read is capped for that many.
  const result = await parseImagesResponse(await response.text({ images: call.n }), {
    provider,
    requestId,
    secrets,
    wanted: call.n,
    signal: call.signal,
    download: (url, signal) => context.download(url, signal ?? call.signal),
  });
  return { result };
}
