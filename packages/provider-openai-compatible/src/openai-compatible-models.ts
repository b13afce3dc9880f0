import type { ModelCapabilities, ModelInfo } from '@retouch/core/provider';
import { builtInModelData, type ModelData, parseModelData } from './models/model-data.js';
import type { BodyMode, CustomModelConfig, Wire } from './openai-compatible-config.js';

/** A model as this provider needs it: info for the engine, wire traits for the body. */
export interface OpenAICompatibleModel {
  /** `info.wire` is the wire this provider uses for the model under the current configuration. */
  info: ModelInfo & { wire: Wire };
  /** Forced body mode for the images API; undefined means the provider-wide setting. */
  bodyMode?: BodyMode;
  /** Whether the model takes `response_format` (see the data file). */
  responseFormat: boolean;
  /** Whether `output_format`/`output_compression`/`background` go on the wire (GPT image models). */
  gptImageParams: boolean;
  /** The Batch API's share of the live price, when the model takes batch edits (model data). */
  batchPriceFactor?: number;
}

const MB = 1024 * 1024;

/** For ids nobody declared: accept everything the wire format can carry, and let the server judge. */
export const permissiveCapabilities: ModelCapabilities = {
  sizes: {
    presets: ['auto', '1024x1024', '1536x1024', '1024x1536', '256x256', '512x512'],
    custom: {},
  },
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

/**
 * What a model can do over chat completions: the prompt, images (the mask as one more image) and
 * `n` travel; size, quality, background, format and fidelity have no field there (gateway-specific
 * ones go in `providerOptions.extraBody`). Streamed images are final images, so at most one preview
 * each. A model converted from the images API gets one image per call, which every gateway takes.
 */
export function chatCapabilities(caps: ModelCapabilities, chatNative: boolean): ModelCapabilities {
  return {
    ...caps,
    sizes: { presets: [] },
    outputFormats: [],
    outputCompression: false,
    backgrounds: [],
    qualities: [],
    inputFidelity: false,
    streaming: caps.streaming ? { partialImages: 1 } : false,
    maxImagesPerCall: chatNative ? caps.maxImagesPerCall : 1,
  };
}

/** The shipped table, validated once at load. */
export const builtInModelTable: ModelData = parseModelData(
  builtInModelData,
  'built-in model data of @retouch/provider-openai-compatible',
);

function fromData(data: ModelData): OpenAICompatibleModel[] {
  return data.models.map((entry) => {
    const info: OpenAICompatibleModel['info'] = {
      id: entry.id,
      capabilities: entry.capabilities,
      wire: entry.wire,
    };
    if (entry.displayName) info.displayName = entry.displayName;
    if (entry.lifecycle) info.lifecycle = entry.lifecycle;
    if (entry.pricing) info.pricing = entry.pricing;
    const model: OpenAICompatibleModel = {
      info,
      responseFormat: entry.responseFormat,
      gptImageParams: entry.gptImageParams,
    };
    if (entry.bodyMode) model.bodyMode = entry.bodyMode;
    if (entry.batch) model.batchPriceFactor = entry.batch.priceFactor;
    return model;
  });
}

/** The built-in models, as the images API (or their own wire) serves them. */
export const builtInModels: readonly OpenAICompatibleModel[] = fromData(builtInModelTable);

/** A permissive model for an undeclared id. */
export function permissiveModel(id: string, wire: Wire = 'images'): OpenAICompatibleModel {
  return withWire(
    {
      info: { id, capabilities: permissiveCapabilities, wire: 'images' },
      responseFormat: false,
      gptImageParams: true,
    },
    wire,
  );
}

/** The model as served over `wire`: the same model, with the capabilities that wire can carry. */
export function withWire(model: OpenAICompatibleModel, wire: Wire): OpenAICompatibleModel {
  if (wire === model.info.wire) return model;
  const capabilities =
    wire === 'chat' ? chatCapabilities(model.info.capabilities, false) : model.info.capabilities;
  return { ...model, info: { ...model.info, wire, capabilities } };
}

export interface ModelTableOptions {
  /** Models from the user's configuration, laid over the data (same id: replaces it). */
  custom: readonly CustomModelConfig[];
  /** The provider-wide wire; a model's own configured wire wins over it. */
  wire?: Wire;
  /** The data to start from; the shipped table by default. */
  data?: ModelData;
}

/**
 * Built-in data, then configured models. A model's wire is, in order: its configured `wire`, the
 * provider-wide `wire`, the data's `wire`, `images`. Configured capabilities apply last, so a user
 * can state what their gateway really takes on either wire.
 */
export function resolveModelTable(options: ModelTableOptions): OpenAICompatibleModel[] {
  const base = options.data ? fromData(options.data) : builtInModels;
  const table = new Map(base.map((model) => [model.info.id, model]));
  const configured = new Map(options.custom.map((model) => [model.id, model]));
  for (const custom of options.custom) {
    if (!table.has(custom.id)) table.set(custom.id, permissiveModel(custom.id));
  }
  return [...table.values()].map((model) => {
    const custom = configured.get(model.info.id);
    const wire = custom?.wire ?? options.wire ?? model.info.wire;
    const served = withWire(model, wire);
    return custom ? applyCustom(served, custom) : served;
  });
}

function applyCustom(
  model: OpenAICompatibleModel,
  custom: CustomModelConfig,
): OpenAICompatibleModel {
  const { sizes, ...rest } = custom.capabilities;
  const capabilities: ModelCapabilities = {
    ...model.info.capabilities,
    ...rest,
    ...(sizes ? { sizes: sizes.custom ? sizes : { presets: sizes.presets } } : {}),
  };
  const info: OpenAICompatibleModel['info'] = { ...model.info, capabilities };
  if (custom.displayName) info.displayName = custom.displayName;
  if (custom.lifecycle) info.lifecycle = { ...model.info.lifecycle, ...custom.lifecycle };
  const result: OpenAICompatibleModel = {
    ...model,
    info,
    responseFormat: custom.responseFormat ?? model.responseFormat,
  };
  const bodyMode = custom.bodyMode ?? model.bodyMode;
  if (bodyMode) result.bodyMode = bodyMode;
  return result;
}
