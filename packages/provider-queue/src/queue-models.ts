import {
  type EditWarning,
  type ModelCapabilities,
  type ModelInfo,
  modelTableEntrySchema,
  modelTableSchema,
} from '@retouch/core/provider';
import * as z from 'zod/mini';
import {
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  resolveFieldMapping,
} from './field-mapping.js';
import builtInQueueModelData from './models/queue-models.json' with { type: 'json' };
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

/** One endpoint in the data file: core's entry plus the request's field names. */
export const queueModelEntrySchema = z.extend(modelTableEntrySchema, {
  fields: z._default(z.partial(fieldMappingSchema), {}),
});

/** The data file's shape: sources, then endpoints (checked at load and by a test). */
export const queueModelDataSchema = modelTableSchema(queueModelEntrySchema);

/** Validates model data; a broken file is a packaging mistake, named in full at load. */
export function parseQueueModelData(data: unknown): QueueModel[] {
  const parsed = queueModelDataSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new TypeError(`The queue model data is invalid: ${problems}`);
  }
  return parsed.data.models.map(
    ({ id, displayName, capabilities, lifecycle, pricing, fields }) => ({
      id,
      wire: 'queue',
      ...(displayName === undefined ? {} : { displayName }),
      capabilities,
      ...(lifecycle === undefined ? {} : { lifecycle }),
      ...(pricing === undefined ? {} : { pricing }),
      fields,
    }),
  );
}

/** Endpoints whose parameters are documented (`queue-models.json`); others go through `describeModel`. */
export const knownQueueModels: readonly QueueModel[] = parseQueueModelData(builtInQueueModelData);

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
      wire: 'queue',
      ...(base?.lifecycle === undefined ? {} : { lifecycle: base.lifecycle }),
      ...(base?.pricing === undefined ? {} : { pricing: base.pricing }),
      capabilities: {
        ...(base?.capabilities ?? defaultQueueCapabilities),
        ...stripUndefined(entry.capabilities ?? {}),
      },
      fields: { ...base?.fields, ...stripUndefined(entry.fields ?? {}) },
    });
  }
  const models: ModelInfo[] = [...byId.values()].map(({ fields: _fields, ...info }) => info);
  return {
    models,
    describe(modelId) {
      try {
        modelPath(modelId);
      } catch {
        return undefined;
      }
      return {
        model: { id: modelId, wire: 'queue', capabilities: defaultQueueCapabilities },
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
