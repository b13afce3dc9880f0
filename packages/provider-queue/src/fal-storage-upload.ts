import { createFileBody, readHttpError } from '@retouch/core/http';
import type { ImageFile } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import type { QueueClient } from './queue-client.js';
import { parseQueueErrorBody } from './queue-errors.js';

/**
 * Uploads one input to fal's storage the way fal's own client does (`storage.ts` in fal-ai/fal-js):
 * `POST {storageURL}/storage/upload/initiate` with the file's name and type answers an
 * `upload_url` and a `file_url`; the bytes go to `upload_url` in a `PUT` (streamed from disk, no
 * key: it is a presigned URL), and `file_url` is what the request carries. A failure is a
 * RetouchError like any request's, so the engine retries the submit that needed it.
 */
export async function uploadToFalStorage(
  client: QueueClient,
  file: ImageFile,
  signal: AbortSignal,
): Promise<string> {
  const { provider } = client;
  const storage = client.config.storageURL;
  const initiate = await client.http.request({
    method: 'POST',
    url: `${storage}/storage/upload/initiate?storage_type=fal-cdn-v3`,
    headers: { ...client.authHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ file_name: file.filename, content_type: file.mediaType }),
    signal,
  });
  if (!initiate.ok) {
    throw await readHttpError(initiate, {
      provider,
      parseBody: parseQueueErrorBody,
      secrets: client.secrets,
    });
  }
  const answer = (await initiate.json({ images: 0 })) as Record<string, unknown> | null;
  const uploadUrl = checkedUrl(answer?.upload_url, 'upload_url', storage, provider);
  const fileUrl = checkedUrl(answer?.file_url, 'file_url', storage, provider);
  const put = await client.http.request({
    method: 'PUT',
    url: uploadUrl,
    body: createFileBody(file),
    signal,
  });
  if (!put.ok) throw await readHttpError(put, { provider, secrets: client.secrets });
  await put.text({ images: 0 });
  return fileUrl;
}

/** https anywhere (fal's storage answers with a bucket's presigned URL), plain http only on the storage origin. */
function checkedUrl(value: unknown, what: string, storage: string, provider: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const sameOrigin = url?.origin === new URL(storage).origin;
  if (url && (url.protocol === 'https:' || (url.protocol === 'http:' && sameOrigin))) {
    return url.href;
  }
  throw new RetouchError({
    code: 'invalid_response',
    provider,
    retryable: false,
    message: `The storage server at ${new URL(storage).origin} answered the upload without a usable ${what} (an https URL). Check storageURL in the queue provider's configuration.`,
  });
}
