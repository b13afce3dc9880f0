import {
  createHttpClient,
  createMultipartBody,
  type MultipartPart,
  readHttpError,
} from '@retouch/core/http';
import type { EditCall, PluginContext } from '@retouch/core/provider';
import { type ImageEditProvider, RetouchError } from '@retouch/core/provider';
import { acmeModels } from './acme-models.js';

export interface AcmeConfig {
  baseURL: string;
  apiKey?: string | undefined;
}

interface ImagesResponse {
  data?: { b64_json?: string; revised_prompt?: string }[];
}

/**
 * A thin provider: it maps the engine's call to Acme's wire and the answer back. Validation,
 * retries, timeouts and splitting `n` are the engine's job, not this file's.
 */
export function createAcmeProvider(config: AcmeConfig, context: PluginContext): ImageEditProvider {
  const secrets = config.apiKey ? [config.apiKey] : [];
  const client = createHttpClient({
    provider: 'acme-images',
    secrets,
    ...(context.log ? { log: context.log } : {}),
  });
  const endpoint = `${config.baseURL.replace(/\/+$/, '')}/images/edits`;

  async function edit(call: EditCall) {
    const parts: MultipartPart[] = [
      { name: 'model', value: 'gpt-image-1' },
      { name: 'prompt', value: call.prompt },
      { name: 'n', value: String(call.n) },
      ...call.images.map((file) => ({ name: call.images.length > 1 ? 'image[]' : 'image', file })),
    ];
    if (call.mask) parts.push({ name: 'mask', file: call.mask });
    if (call.size) parts.push({ name: 'size', value: call.size });
    if (call.outputFormat) parts.push({ name: 'output_format', value: call.outputFormat });

    const response = await client.request({
      method: 'POST',
      url: endpoint,
      headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {},
      body: createMultipartBody(parts),
      signal: call.signal,
    });
    if (!response.ok) throw await readHttpError(response, { provider: 'acme-images', secrets });
    const body = (await response.json()) as ImagesResponse;
    const images = (body.data ?? []).flatMap((item) =>
      item.b64_json
        ? [
            {
              data: new Uint8Array(Buffer.from(item.b64_json, 'base64')),
              revisedPrompt: item.revised_prompt,
            },
          ]
        : [],
    );
    if (images.length === 0) {
      throw new RetouchError({
        code: 'invalid_response',
        provider: 'acme-images',
        requestId: response.requestId,
        message: 'Acme answered without any image. Try again, or check the Acme service status.',
      });
    }
    return { images, ...(response.requestId ? { requestId: response.requestId } : {}) };
  }

  return { specificationVersion: 'v1', id: 'acme-images', models: acmeModels, edit, secrets };
}
