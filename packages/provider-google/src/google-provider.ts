import { createHttpClient } from '@retouch/core/http';
import {
  type EditCall,
  type EditWarning,
  type ImageEditProviderV1,
  type ModelInfo,
  type PluginContext,
  parsePluginConfig,
  RetouchError,
} from '@retouch/core/provider';
import { buildGenerateBody } from './build-generate-body.js';
import { type GoogleConfig, type GoogleConfigInput, googleConfigSchema } from './google-config.js';
import { googleEndpoint } from './google-endpoint.js';
import { buildModelCatalog } from './google-models.js';
import { imageConfigFor } from './image-config.js';
import { readGoogleError } from './map-google-error.js';
import { parseGenerateResponse } from './parse-generate-response.js';

export const googleProviderId = 'google';
export const googleDisplayName = 'Google (Gemini)';

/** A Google provider from an already validated configuration (what the plugin's `create` gets). */
export function createGoogleProviderFromConfig(
  config: GoogleConfig,
  context: PluginContext = {},
): ImageEditProviderV1 {
  const provider = googleProviderId;
  const secrets = config.apiKey === undefined ? [] : [config.apiKey];
  const endpoint = googleEndpoint(config);
  const client = createHttpClient({
    provider,
    secrets,
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
    connectTimeoutMs: config.timeouts.connectMs,
    headersTimeoutMs: config.timeouts.headersMs,
    bodyTimeoutMs: config.timeouts.bodyMs,
    ...(context.log === undefined ? {} : { log: context.log }),
    ...(config.responseLimits === undefined ? {} : { limits: config.responseLimits }),
  });
  const catalog = buildModelCatalog(config.models, config.mask);
  // A model whose sizes all fit 1K (2.5 Flash Image) takes no `imageSize`.
  const hasSizeTiers = (model: string): boolean => {
    const info = catalog.models.find((m) => m.id === model) ?? catalog.describe(model)?.model;
    return (info?.capabilities.sizes.presets ?? []).some(
      (size) => (imageConfigFor(size)?.imageSize ?? '1K') !== '1K',
    );
  };

  async function edit(call: EditCall) {
    const warnings: EditWarning[] = [];
    const body = await buildGenerateBody(call, config, warnings, {
      sizeTiers: hasSizeTiers(call.model),
    });
    const response = await client.request({
      method: 'POST',
      url: endpoint.generateUrl(call.model),
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...endpoint.headers,
      },
      body,
      signal: call.signal,
    });
    if (!response.ok) throw await readGoogleError(response, { provider, secrets });
    // One image per call (candidateCount stays 1), so the read is capped for one.
    const json = await response.json({ images: 1 });
    const echoed: Record<string, unknown> = {};
    if (call.size !== undefined && call.size !== 'auto') echoed.size = call.size;
    const result = parseGenerateResponse(json, {
      provider,
      secrets,
      requestId: response.requestId,
      echoed,
    });
    return warnings.length > 0
      ? { ...result, warnings: [...(result.warnings ?? []), ...warnings] }
      : result;
  }

  return {
    specificationVersion: 'v1',
    id: provider,
    models: catalog.models,
    describeModel: (modelId) => catalog.describe(modelId),
    edit,
    ...(endpoint.listUrl === undefined
      ? {}
      : { listModels: (options) => listServerModels(options?.signal) }),
    secrets,
  };

  /** The known models, each marked as listed or not by the server's `models.list`. */
  async function listServerModels(signal?: AbortSignal): Promise<readonly ModelInfo[]> {
    const response = await client.request({
      method: 'GET',
      url: endpoint.listUrl!,
      headers: { accept: 'application/json', ...endpoint.headers },
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) throw await readGoogleError(response, { provider, secrets });
    const json = (await response.json({ images: 0 })) as { models?: unknown };
    if (!Array.isArray(json.models)) {
      throw new RetouchError({
        code: 'invalid_response',
        provider,
        message: `${provider} answered the model list without a "models" array. Check the base URL.`,
      });
    }
    const served = new Set(
      json.models
        .map((m) =>
          typeof m === 'object' && m !== null ? (m as { name?: unknown }).name : undefined,
        )
        .filter((name): name is string => typeof name === 'string')
        .map((name) => name.replace(/^models\//, '')),
    );
    const known = catalog.models.filter((model) => served.has(model.id));
    const imageOnes = [...served].filter(
      (id) => /image/i.test(id) && !catalog.models.some((m) => m.id === id),
    );
    return [...known, ...imageOnes.map((id) => catalog.describe(id)!.model)];
  }
}

/** A Google provider for direct use with `editImage()`; validates `config` first. */
export function createGoogleProvider(
  config: GoogleConfigInput = {},
  context: PluginContext = {},
): ImageEditProviderV1 {
  const parsed = parsePluginConfig(
    { id: googleProviderId, displayName: googleDisplayName, configSchema: googleConfigSchema },
    config,
  );
  return createGoogleProviderFromConfig(parsed, context);
}
