import type { ImageFile } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import { uploadToFalStorage } from './fal-storage-upload.js';
import type { QueueClient } from './queue-client.js';

/** `upload` for fal's own hosts, where data URIs are not universal; `data-uri` elsewhere. */
export function inputTransport(client: QueueClient, model: string): 'upload' | 'data-uri' {
  const { config } = client;
  const configured = config.models.find((entry) => entry.id === model)?.inputs ?? config.inputs;
  if (configured) return configured;
  const host = new URL(config.baseURL).hostname;
  return host === 'fal.run' || host.endsWith('.fal.run') ? 'upload' : 'data-uri';
}

/**
 * How an input image travels in a queue request: the URL the user's upload hook returns (for a
 * file large enough), the `file_url` of an upload to fal's storage, or inline as a data URI.
 */
export async function toImageReference(
  file: ImageFile,
  client: QueueClient,
  model: string,
  signal: AbortSignal,
): Promise<string> {
  const { config } = client;
  if (config.upload && file.size >= config.uploadMinBytes) {
    const url = await config.upload(file, signal);
    if (typeof url !== 'string' || !/^(https?:|data:)/i.test(url)) {
      throw new RetouchError({
        code: 'invalid_request',
        provider: 'queue',
        retryable: false,
        message: `The upload hook returned ${typeof url === 'string' ? 'a value that is not an http(s) or data: URL' : `a ${typeof url}`} for ${file.filename}. It must resolve to the URL the queue server should fetch.`,
      });
    }
    return url;
  }
  if (!config.upload && inputTransport(client, model) === 'upload') {
    return uploadToFalStorage(client, file, signal);
  }
  const bytes = await file.bytes();
  return `data:${file.mediaType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
