import { createHttpClient, readHttpError } from '@retouch/core/http';
import {
  definePlugin,
  type ImageEditProvider,
  type ModelInfo,
  RetouchError,
} from '@retouch/core/provider';
import { z } from 'zod';

const configSchema = z.object({
  baseURL: z.string().url(),
  apiKey: z.string().min(1),
});

const models: ModelInfo[] = [
  {
    id: 'gpt-image-1',
    displayName: 'GPT Image 1',
    capabilities: {
      sizes: { presets: ['auto', '1024x1024', '1536x1024', '1024x1536'] },
      n: { min: 1, max: 10 },
      maxImagesPerCall: 10,
      maxInputImages: 16,
      inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'],
      maxInputBytes: 50 * 1024 * 1024,
      mask: false,
      outputFormats: ['png', 'jpeg', 'webp'],
      outputCompression: false,
      backgrounds: [],
      qualities: [],
      inputFidelity: false,
      streaming: false,
      maxPromptLength: 32_000,
    },
  },
];

interface EditsResponse {
  data?: Array<{ b64_json?: string; revised_prompt?: string }>;
}

/**
 * A minimal provider: one JSON call to an OpenAI-style `/v1/images/edits`. The engine in
 * @retouch/core has already validated the call, so this only maps the call to the wire and back.
 */
export const examplePlugin = definePlugin({
  id: 'example',
  displayName: 'Example provider',
  configSchema,
  secretFields: ['apiKey'],
  create(config, context): ImageEditProvider {
    const client = createHttpClient({
      provider: 'example',
      secrets: [config.apiKey],
      log: context.log,
    });
    return {
      specificationVersion: 'v1',
      id: 'example',
      models,
      secrets: [config.apiKey],
      async edit(call) {
        const images = await Promise.all(
          call.images.map(async (image) => ({
            image_url: `data:${image.mediaType};base64,${Buffer.from(await image.bytes()).toString('base64')}`,
          })),
        );
        const response = await client.request({
          method: 'POST',
          url: new URL('/v1/images/edits', config.baseURL),
          headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: call.model,
            prompt: call.prompt,
            images,
            n: call.n,
            size: call.size,
            output_format: call.outputFormat,
          }),
          signal: call.signal,
        });
        if (!response.ok)
          throw await readHttpError(response, { provider: 'example', secrets: [config.apiKey] });
        const body = (await response.json()) as EditsResponse;
        const data = body.data ?? [];
        if (data.some((item) => typeof item.b64_json !== 'string')) {
          throw new RetouchError({
            code: 'invalid_response',
            provider: 'example',
            requestId: response.requestId,
            message:
              'The server answered without b64_json images. Check that baseURL points at an images API.',
          });
        }
        return {
          images: data.map((item) => ({
            data: new Uint8Array(Buffer.from(item.b64_json!, 'base64')),
            revisedPrompt: item.revised_prompt,
          })),
          requestId: response.requestId,
        };
      },
    };
  },
});
