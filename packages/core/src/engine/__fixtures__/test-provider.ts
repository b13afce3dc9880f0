import sharp from 'sharp';
import type { ModelCapabilities, ModelInfo } from '../../contract/capabilities.js';
import type { EditCall, ProviderEditResult } from '../../contract/edit-call.js';
import type { ImageEditProvider } from '../../contract/provider.js';

export const testCapabilities: ModelCapabilities = {
  sizes: {
    presets: ['auto', '1024x1024', '1536x1024'],
    custom: {
      multipleOf: 16,
      minEdge: 256,
      maxEdge: 2048,
      maxPixels: 2048 * 1024,
      maxAspectRatio: 3,
    },
  },
  n: { min: 1, max: 10 },
  maxImagesPerCall: 4,
  maxInputImages: 2,
  inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'],
  maxInputBytes: 1024 * 1024,
  mask: true,
  outputFormats: ['png', 'jpeg', 'webp'],
  outputCompression: true,
  backgrounds: ['auto', 'transparent', 'opaque'],
  qualities: ['low', 'medium', 'high', 'auto'],
  inputFidelity: true,
  streaming: { partialImages: 3 },
  maxPromptLength: 1000,
};

/** A model that has none of the optional knobs, to see them dropped with warnings. */
export const plainCapabilities: ModelCapabilities = {
  ...testCapabilities,
  sizes: { presets: [] },
  qualities: [],
  backgrounds: [],
  outputCompression: false,
  inputFidelity: false,
  streaming: false,
  mask: false,
};

export const testModels: ModelInfo[] = [
  { id: 'test-model', capabilities: testCapabilities },
  { id: 'plain-model', capabilities: plainCapabilities },
];

export function png(width: number, height: number, alpha = false): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 200, g: 100, b: 50 },
    },
  })
    .png()
    .toBuffer();
}

/** Answers every call with `call.n` small PNGs, recording the calls it received. */
export async function imagesFor(call: EditCall): Promise<ProviderEditResult> {
  const image = new Uint8Array(await png(8, 6));
  return {
    images: Array.from({ length: call.n }, () => ({ data: image, mediaType: 'image/png' })),
  };
}

export function createTestProvider(
  overrides: Partial<ImageEditProvider> = {},
): ImageEditProvider & { calls: EditCall[] } {
  const calls: EditCall[] = [];
  const edit = overrides.edit ?? imagesFor;
  return {
    specificationVersion: 'v1',
    id: 'test',
    models: testModels,
    ...overrides,
    calls,
    edit: (call) => {
      calls.push(call);
      return edit(call);
    },
  };
}

/** Resolves when `signal` aborts, rejecting with its reason, like a real HTTP call would. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
