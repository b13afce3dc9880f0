import type { ImageFile } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import type { QueueConfig } from './queue-config.js';

/**
 * How an input image travels in a queue request: inline as a data URI, or, when the user
 * configured an upload hook and the file is large enough, as the URL the hook returns.
 */
export async function toImageReference(
  file: ImageFile,
  config: QueueConfig,
  signal: AbortSignal,
): Promise<string> {
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
  const bytes = await file.bytes();
  return `data:${file.mediaType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
