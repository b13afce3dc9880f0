import {
  type EditWarning,
  type ModelCapabilities,
  type ModelInfo,
  modelTableEntrySchema,
  modelTableSchema,
} from '@retouch/core/provider';
import type { GoogleModelConfig } from './google-config.js';
import builtInModelData from './models/google-models.json' with { type: 'json' };

/** The data file's shape: sources, then models (checked at load and by a test). */
export const googleModelDataSchema = modelTableSchema(modelTableEntrySchema);

/** Validates model data; a broken file is a packaging mistake, named in full at load. */
export function parseGoogleModelData(data: unknown): ModelInfo[] {
  const parsed = googleModelDataSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new TypeError(`The Google model data is invalid: ${problems}`);
  }
  return parsed.data.models.map(({ id, displayName, capabilities, lifecycle, pricing }) => ({
    id,
    wire: 'generateContent',
    ...(displayName === undefined ? {} : { displayName }),
    capabilities,
    ...(lifecycle === undefined ? {} : { lifecycle }),
    ...(pricing === undefined ? {} : { pricing }),
  }));
}

/** The Gemini image models Retouch knows (`models/google-models.json`). */
export const knownGoogleModels: readonly ModelInfo[] = parseGoogleModelData(builtInModelData);

/** What a model name Retouch has never heard of (a gateway's, a newer Gemini) is taken to be. */
export const defaultGoogleCapabilities: ModelCapabilities = knownGoogleModels[0]!.capabilities;

export interface GoogleModelCatalog {
  readonly models: readonly ModelInfo[];
  describe(modelId: string): { model: ModelInfo; warning: EditWarning } | undefined;
}

/** Known models overlaid with the user's `models`, and masks turned off when they are refused. */
export function buildModelCatalog(
  configured: readonly GoogleModelConfig[],
  mask: 'instruction' | 'refuse',
): GoogleModelCatalog {
  const maskless = (capabilities: ModelCapabilities): ModelCapabilities =>
    mask === 'refuse' ? { ...capabilities, mask: false } : capabilities;
  const byId = new Map<string, ModelInfo>(
    knownGoogleModels.map((m) => [m.id, { ...m, capabilities: maskless(m.capabilities) }]),
  );
  for (const entry of configured) {
    const base = byId.get(entry.id);
    const overrides = Object.fromEntries(
      Object.entries(entry.capabilities ?? {}).filter(([, value]) => value !== undefined),
    );
    byId.set(entry.id, {
      ...base,
      id: entry.id,
      wire: 'generateContent',
      displayName: entry.displayName ?? base?.displayName ?? entry.id,
      capabilities: {
        ...(base?.capabilities ?? maskless(defaultGoogleCapabilities)),
        ...overrides,
      },
    });
  }
  return {
    models: [...byId.values()],
    describe(modelId) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(modelId)) return undefined;
      return {
        model: {
          id: modelId,
          wire: 'generateContent',
          capabilities: maskless(defaultGoogleCapabilities),
        },
        warning: {
          type: 'unknown-model',
          model: modelId,
          message: `The Google provider does not know "${modelId}", so it assumes what Gemini 3 Pro Image accepts and lets the server check the request. To declare its capabilities, add it to "models" in the Google configuration.`,
        },
      };
    },
  };
}
