import type { ModelCapabilities, ModelInfo } from '@retouch/core';
import type { BodyMode, CustomModelConfig } from './openai-compatible-config.js';

/** A model as this provider needs it: capabilities for the engine, wire traits for the body. */
export interface OpenAICompatibleModel {
  info: ModelInfo;
  /** Forced body mode; undefined means the provider-wide setting. */
  bodyMode?: BodyMode;
  /** Whether the model takes `response_format` (only dall-e-2 in the spec). */
  responseFormat: boolean;
  /** Whether `output_format`/`output_compression`/`background` go on the wire (GPT image models). */
  gptImageParams: boolean;
  /** Inputs must be square (dall-e-2); the capability table cannot express it. */
}

const MB = 1024 * 1024;
const standardSizes = ['auto', '1024x1024', '1536x1024', '1024x1536'] as const;

// From CreateImageEditRequest in the OpenAPI spec: png/webp/jpg under 50 MB, up to 16 inputs,
// n 1–10, 32000-character prompts, partial_images 0–3.
const gptImageCapabilities: ModelCapabilities = {
  sizes: { presets: standardSizes },
  n: { min: 1, max: 10 },
  maxImagesPerCall: 10,
  maxInputImages: 16,
  inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'],
  maxInputBytes: 50 * MB,
  mask: true,
  outputFormats: ['png', 'jpeg', 'webp'],
  outputCompression: true,
  backgrounds: ['auto', 'transparent', 'opaque'],
  qualities: ['auto', 'low', 'medium', 'high'],
  inputFidelity: true,
  streaming: { partialImages: 3 },
  maxPromptLength: 32_000,
};

// gpt-image-2: any WxH with both edges divisible by 16, aspect ratio within 3:1, at most
// 3840x2160 (above 2560x1440 is experimental, per the spec).
const gptImage2Capabilities: ModelCapabilities = {
  ...gptImageCapabilities,
  sizes: {
    presets: standardSizes,
    custom: { multipleOf: 16, maxAspectRatio: 3, maxEdge: 3840, maxPixels: 3840 * 2160 },
  },
};

// dall-e-2: one square PNG under 4 MB, three square sizes, `standard` quality, 1000 characters.
const dallE2Capabilities: ModelCapabilities = {
  sizes: { presets: ['256x256', '512x512', '1024x1024'] },
  n: { min: 1, max: 10 },
  maxImagesPerCall: 10,
  maxInputImages: 1,
  inputMediaTypes: ['image/png'],
  maxInputBytes: 4 * MB,
  squareInputsOnly: true,
  mask: true,
  outputFormats: ['png'],
  outputCompression: false,
  backgrounds: [],
  qualities: ['standard'],
  inputFidelity: false,
  streaming: false,
  maxPromptLength: 1000,
};

/** For ids nobody declared: accept everything the wire format can carry, and let the server judge. */
export const permissiveCapabilities: ModelCapabilities = {
  sizes: { presets: [...standardSizes, '256x256', '512x512'], custom: {} },
  n: { min: 1, max: 10 },
  maxImagesPerCall: 10,
  maxInputImages: 16,
  inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  maxInputBytes: 50 * MB,
  mask: true,
  outputFormats: ['png', 'jpeg', 'webp'],
  outputCompression: true,
  backgrounds: ['auto', 'transparent', 'opaque'],
  qualities: ['auto', 'low', 'medium', 'high', 'standard'],
  inputFidelity: true,
  streaming: { partialImages: 3 },
  maxPromptLength: 32_000,
};

function gptImage(id: string, displayName: string, capabilities = gptImageCapabilities) {
  return {
    info: { id, displayName, capabilities },
    responseFormat: false,
    gptImageParams: true,
  } satisfies OpenAICompatibleModel;
}

export const builtInModels: readonly OpenAICompatibleModel[] = [
  gptImage('gpt-image-2', 'GPT Image 2', gptImage2Capabilities),
  gptImage('gpt-image-2-2026-04-21', 'GPT Image 2 (2026-04-21)', gptImage2Capabilities),
  gptImage('gpt-image-1.5', 'GPT Image 1.5'),
  gptImage('gpt-image-1', 'GPT Image 1'),
  // input_fidelity is documented as unsupported for gpt-image-1-mini.
  gptImage('gpt-image-1-mini', 'GPT Image 1 mini', {
    ...gptImageCapabilities,
    inputFidelity: false,
  }),
  gptImage('chatgpt-image-latest', 'ChatGPT Image (latest)'),
  {
    info: { id: 'dall-e-2', displayName: 'DALL·E 2', capabilities: dallE2Capabilities },
    // The spec: "JSON edits support GPT image models only; DALL-E edits require multipart".
    bodyMode: 'multipart',
    responseFormat: true,
    gptImageParams: false,
  },
];

/** A permissive model for an undeclared id. */
export function permissiveModel(id: string): OpenAICompatibleModel {
  return {
    info: { id, capabilities: permissiveCapabilities },
    responseFormat: false,
    gptImageParams: true,
  };
}

/** Built-in table with configured models laid over it (a configured id replaces a built-in one). */
export function resolveModelTable(custom: readonly CustomModelConfig[]): OpenAICompatibleModel[] {
  const table = new Map(builtInModels.map((model) => [model.info.id, model]));
  for (const model of custom) {
    const base = table.get(model.id) ?? permissiveModel(model.id);
    const { sizes, ...rest } = model.capabilities;
    const capabilities: ModelCapabilities = {
      ...base.info.capabilities,
      ...rest,
      ...(sizes ? { sizes: sizes.custom ? sizes : { presets: sizes.presets } } : {}),
    };
    table.set(model.id, {
      info: {
        id: model.id,
        displayName: model.displayName ?? base.info.displayName,
        capabilities,
      },
      bodyMode: model.bodyMode ?? base.bodyMode,
      responseFormat: model.responseFormat ?? base.responseFormat,
      gptImageParams: base.gptImageParams,
    });
  }
  return [...table.values()];
}
