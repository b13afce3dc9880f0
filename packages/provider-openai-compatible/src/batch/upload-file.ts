import type { ImageFile } from '@retouch/core';
import { RetouchError } from '@retouch/core';
import { createMultipartBody } from '@retouch/core/http';
import type { ImageMediaType } from '@retouch/core/provider';
import * as z from 'zod/mini';
import { readOpenAIError } from '../map-openai-error.js';
import type { SendContext } from '../send-context.js';
import { batchEndpoint } from './batch-endpoints.js';
import { readFileStream } from './read-file-stream.js';

const fileSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(500)) });

/** A JSONL file on disk as a multipart file part, streamed (an input may be 200 MB). */
export function jsonlFile(path: string, size: number): ImageFile {
  const stream = () => readFileStream(path);
  return {
    // With a path, the multipart body reads the file in place, in chunks, as the upload goes.
    path,
    filename: 'batch-input.jsonl',
    // The part's Content-Type; the Files API reads the JSONL whatever the type says.
    mediaType: 'application/jsonl' as ImageMediaType,
    width: 0,
    height: 0,
    size,
    stream,
    bytes: async () => new Uint8Array(await new Response(stream()).arrayBuffer()),
  };
}

/** `POST /files`: uploads one file (streamed from disk where it is one); its id. */
export async function uploadFile(
  file: ImageFile,
  purpose: 'batch' | 'vision' | 'user_data',
  context: SendContext,
  signal: AbortSignal,
): Promise<string> {
  const { provider, secrets, client, connection, config } = context;
  const body = createMultipartBody([
    { name: 'purpose', value: purpose },
    { name: 'file', file },
  ]);
  const response = await client.request({
    method: 'POST',
    url: batchEndpoint(config, '/files'),
    headers: { accept: 'application/json', ...connection.headers },
    body,
    signal,
  });
  if (!response.ok) throw (await readOpenAIError(response, { provider, secrets })).error;
  const parsed = fileSchema.safeParse(await response.json({ images: 0 }));
  if (!parsed.success) {
    throw new RetouchError({
      code: 'invalid_response',
      provider,
      requestId: response.requestId,
      message: `${provider}: the server did not answer the upload with a file object. Check that the base URL points at OpenAI's API, which has the Files API.`,
    });
  }
  return parsed.data.id;
}
