import type { EditWarning, ModelCapabilities, ModelInfo } from '@retouch/core';
import { type FieldMapping, type FieldMappingInput, resolveFieldMapping } from './field-mapping.js';
import type { QueueModelConfig } from './queue-config.js';
import { modelPath } from './queue-urls.js';

/** A queue model as this provider knows it: capabilities plus the request's field names. */
export interface QueueModel extends ModelInfo {
  fields: FieldMappingInput;
}

const allInputTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/**
 * What an endpoint Retouch has never heard of is assumed to accept. It is deliberately
 * permissive: the server validates the request and its message reaches the user. One image per
 * call, because many endpoints ignore a count field and would silently return fewer images.
 */
export const defaultQueueCapabilities: ModelCapabilities = {
  sizes: { presets: ['auto', '1024x1024', '1024x1536', '1536x1024'], custom: { minEdge: 16 } },
  n: { min: 1, max: 10 },
  maxImagesPerCall: 1,
  maxInputImages: 16,
  inputMediaTypes: allInputTypes,
  maxInputBytes: 50 * 1024 * 1024,
  mask: true,
  outputFormats: ['png', 'jpeg', 'webp'],
  outputCompression: true,
  backgrounds: ['auto', 'transparent', 'opaque'],
  qualities: ['low', 'medium', 'high', 'auto'],
  inputFidelity: true,
  streaming: false,
  maxPromptLength: 32_000,
};

/** Endpoints whose parameters are documented; anything else goes through `describeModel`. */
export const knownQueueModels: readonly QueueModel[] = [
  {
    // seeds/004: a gateway's queue in front of gpt-image-1.
    id: 'gpt_image_1_edit',
    displayName: 'GPT Image 1 Edit (queue)',
    capabilities: {
      ...defaultQueueCapabilities,
      sizes: { presets: ['auto', '1024x1024', '1024x1536', '1536x1024'] },
      maxImagesPerCall: 10,
      inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'],
    },
    fields: {},
  },
  {
    id: 'fal-ai/nano-banana/edit',
    displayName: 'Nano Banana Edit (fal)',
    capabilities: {
      ...defaultQueueCapabilities,
      sizes: { presets: ['auto'] },
      n: { min: 1, max: 4 },
      maxImagesPerCall: 4,
      mask: false,
      outputCompression: false,
      backgrounds: ['auto'],
      qualities: [],
      inputFidelity: false,
      maxPromptLength: 5_000,
    },
    fields: { images: 'image_urls', n: 'num_images', size: null, mask: null },
  },
  {
    id: 'fal-ai/flux-pro/kontext',
    displayName: 'FLUX.1 Kontext [pro] (fal)',
    capabilities: {
      ...defaultQueueCapabilities,
      sizes: { presets: ['auto'] },
      n: { min: 1, max: 4 },
      maxImagesPerCall: 4,
      maxInputImages: 1,
      mask: false,
      outputFormats: ['jpeg', 'png'],
      outputCompression: false,
      backgrounds: ['auto'],
      qualities: [],
      inputFidelity: false,
      maxPromptLength: 5_000,
    },
    fields: { images: 'image_url', n: 'num_images', size: null, mask: null },
  },
];

export interface QueueModelCatalog {
  readonly models: readonly ModelInfo[];
  /** Capabilities for an endpoint not in `models`, with a warning; undefined for a malformed id. */
  describe(modelId: string): { model: ModelInfo; warning?: EditWarning } | undefined;
  fieldsFor(modelId: string): FieldMapping;
}

/** Known endpoints, overlaid key by key with the user's `models` entries. */
export function buildModelCatalog(configured: readonly QueueModelConfig[]): QueueModelCatalog {
  const byId = new Map<string, QueueModel>(knownQueueModels.map((m) => [m.id, m]));
  for (const entry of configured) {
    const base = byId.get(entry.id);
    byId.set(entry.id, {
      id: entry.id,
      displayName: entry.displayName ?? base?.displayName ?? entry.id,
      capabilities: {
        ...(base?.capabilities ?? defaultQueueCapabilities),
        ...stripUndefined(entry.capabilities ?? {}),
      },
      fields: { ...base?.fields, ...stripUndefined(entry.fields ?? {}) },
    });
  }
  const models = [...byId.values()].map(({ id, displayName, capabilities }) => ({
    id,
    ...(displayName === undefined ? {} : { displayName }),
    capabilities,
  }));
  return {
    models,
    describe(modelId) {
      try {
        modelPath(modelId);
      } catch {
        return undefined;
      }
      return {
        model: { id: modelId, capabilities: defaultQueueCapabilities },
        warning: {
          type: 'unknown-model',
          model: modelId,
          message: `The queue provider does not know "${modelId}", so it sends the default field names (prompt, images, mask, n, size, …) one image per call and lets the server check them. To declare its capabilities and field names, add it to "models" in the queue configuration.`,
        },
      };
    },
    fieldsFor(modelId) {
      return resolveFieldMapping(byId.get(modelId)?.fields);
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
