import type { ModelCapabilities } from '../../contract/capabilities.js';
import type { ImageUsage } from '../../contract/edit-call.js';
import type { ImageFile } from '../../contract/image-file.js';
import type { ImageEditProvider } from '../../contract/provider.js';
import { createHttpClient } from '../../http/http-client.js';
import { readHttpError } from '../../http/read-http-error.js';
import { testModels } from './test-provider.js';

/**
 * A minimal JSON provider for the emulator's `/v1/images/edits`, keeping the usage it reports, so
 * engine and batch tests exercise real HTTP, faults and all.
 */
export function createEmulatorProvider(
  baseURL: string,
  apiKey: string,
  capabilities: Partial<ModelCapabilities> = {},
): ImageEditProvider {
  const client = createHttpClient({ provider: 'emulated', secrets: [apiKey] });
  const dataUri = async (image: ImageFile) =>
    `data:${image.mediaType};base64,${Buffer.from(await image.bytes()).toString('base64')}`;
  return {
    specificationVersion: 'v1',
    id: 'emulated',
    models: testModels.map((model) => ({
      ...model,
      id: 'gpt-image-1',
      capabilities: { ...model.capabilities, ...capabilities },
    })),
    secrets: [apiKey],
    async edit(call) {
      const images = await Promise.all(
        call.images.map(async (image) => ({ image_url: await dataUri(image) })),
      );
      const mask = call.mask ? { mask: { image_url: await dataUri(call.mask) } } : {};
      const response = await client.request({
        method: 'POST',
        url: `${baseURL}/v1/images/edits`,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: call.model,
          prompt: call.prompt,
          images,
          ...mask,
          n: call.n,
        }),
        signal: call.signal,
      });
      if (!response.ok)
        throw await readHttpError(response, { provider: 'emulated', secrets: [apiKey] });
      const body = (await response.json({ images: call.n })) as {
        data: Array<{ b64_json: string }>;
        usage?: { input_tokens: number; output_tokens: number; total_tokens: number } & Record<
          string,
          unknown
        >;
      };
      const result = {
        images: body.data.map((item) => ({
          data: new Uint8Array(Buffer.from(item.b64_json, 'base64')),
        })),
        requestId: response.requestId,
      };
      if (!body.usage) return result;
      // The usage the emulator reports, as a real provider keeps it (cost tests price it).
      const { input_tokens, output_tokens, total_tokens, ...details } = body.usage;
      const usage: ImageUsage = {
        inputTokens: input_tokens,
        outputTokens: output_tokens,
        totalTokens: total_tokens,
        details,
      };
      return { ...result, usage };
    },
  };
}
