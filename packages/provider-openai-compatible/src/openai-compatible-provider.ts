import type { BatchApiProvider } from '@retouch/core/batch-api';
import { createHttpClient, guardedDownload, sanitizeServerText } from '@retouch/core/http';
import {
  type EditCall,
  type EditWarning,
  type ImageEditProviderV1,
  type PluginContext,
  type ProviderEditResult,
  parsePluginConfig,
} from '@retouch/core/provider';
import { createOpenAIBatchApi } from './batch/openai-batch-api.js';
import { fetchServerModels, mergeServerModels } from './list-server-models.js';
import type { ModelData } from './models/model-data.js';
import {
  type OpenAICompatibleConfig,
  type OpenAICompatibleConfigInput,
  openAICompatibleConfigSchema,
} from './openai-compatible-config.js';
import { createConnection } from './openai-compatible-connection.js';
import { permissiveModel, resolveModelTable } from './openai-compatible-models.js';
import { readProviderOptions } from './openai-compatible-provider-options.js';
import { sendChatEdit } from './send-chat-edit.js';
import type { SendContext, SendOptions, SendOutcome } from './send-context.js';
import { sendImagesEdit } from './send-images-edit.js';

export const openAICompatibleProviderId = 'openai-compatible';

/**
 * The provider behind the `openai-compatible` plugin. Takes the configuration as a user writes
 * it (defaults filled in here), so Node code can skip the registry.
 */
export function createOpenAICompatibleProvider(
  input: OpenAICompatibleConfigInput = {},
  context: PluginContext = {},
): ImageEditProviderV1 & BatchApiProvider {
  return createProviderFromData(parseConfig(input), context);
}

/** The provider over a given model table; `data` defaults to the shipped one (tests swap it). */
export function createProviderFromData(
  config: OpenAICompatibleConfig,
  context: PluginContext,
  data?: ModelData,
): ImageEditProviderV1 & BatchApiProvider {
  const provider = openAICompatibleProviderId;
  const connection = createConnection(config);
  const { secrets } = connection;
  const client = createHttpClient({
    provider,
    proxy: config.proxy,
    headersTimeoutMs: config.timeoutMs,
    bodyTimeoutMs: config.timeoutMs,
    secrets,
    log: context.log,
    limits: config.responseLimits,
  });
  const send: SendContext = {
    provider,
    config,
    connection,
    client,
    secrets,
    download: (url, signal) =>
      guardedDownload(url, {
        client,
        provider,
        maxBytes: config.maxDownloadBytes,
        maxBytesSetting: 'maxDownloadBytes',
        signal,
        headers: connection.authHeaders,
        authOrigin: connection.authOrigin,
        // A URL in the answer may point anywhere: only https on a public address, or the endpoint.
        endpointOrigins: [connection.authOrigin, ...config.resultOrigins],
      }),
  };
  let table = resolveModelTable({ custom: config.models, wire: config.wire, data });
  let byId = new Map(table.map((model) => [model.info.id, model]));
  const modelFor = (id: string) => byId.get(id) ?? permissiveModel(id, config.wire);

  function sendOnce(call: EditCall, options: SendOptions): Promise<SendOutcome> {
    if (options.model.info.wire === 'chat') return sendChatEdit(call, options, send);
    const bodyMode = options.model.bodyMode ?? config.bodyMode;
    return sendImagesEdit(call, { ...options, bodyMode }, send);
  }

  return {
    specificationVersion: 'v1',
    id: provider,
    get models() {
      return table.map((model) => model.info);
    },
    secrets,
    // OpenAI's Files and Batches APIs, for `--each --batch` (see @retouch/core/batch-api).
    batchApi: createOpenAIBatchApi(send, () => table, modelFor),
    describeModel(modelId) {
      const known = byId.get(modelId);
      if (known) return { model: known.info };
      return {
        model: modelFor(modelId).info,
        warning: {
          type: 'unknown-model',
          model: modelId,
          message: `${provider} does not know the model "${modelId}"; sending it anyway with permissive limits, so the server decides what it accepts. Declare it under \`models\` in the configuration to get exact checks.`,
        },
      };
    },
    async listModels(options = {}) {
      const server = await fetchServerModels(send, options.signal);
      table = mergeServerModels(table, server, config.wire);
      byId = new Map(table.map((model) => [model.info.id, model]));
      return table.map((model) => model.info);
    },
    async edit(call) {
      const model = modelFor(call.model);
      const { options: providerOptions, warnings } = readProviderOptions(call.providerOptions);
      const bodyMode = model.bodyMode ?? config.bodyMode;
      if (model.info.wire === 'images' && bodyMode !== config.bodyMode) {
        warnings.push({
          type: 'fallback',
          message: `${call.model} takes only a ${bodyMode} body, so the edit was sent as ${bodyMode} instead of ${config.bodyMode}.`,
        });
      }
      const options: SendOptions = {
        model,
        providerOptions,
        stream: call.partialImages !== undefined,
        warnings,
      };

      let outcome = await sendOnce(call, options);
      if ('streamRejected' in outcome) {
        const warning: EditWarning = {
          type: 'fallback',
          message: `The server refused to stream (${sanitizeServerText(outcome.streamRejected.message ?? 'HTTP 400', { singleLine: true }).slice(0, 300)}), so the edit ran without partial images.`,
        };
        warnings.push(warning);
        // Said now, so a UI waiting for previews knows none will come.
        call.onProgress({ type: 'warning', warning });
        outcome = await sendOnce(call, { ...options, stream: false });
      }
      // Only a streaming request can be refused for streaming, so this one has a result.
      const { result } = outcome as { result: ProviderEditResult };
      // The fallback builds the body twice; say each thing once.
      const allWarnings = [...warnings, ...(result.warnings ?? [])].filter(
        (warning, index, list) =>
          list.findIndex((other) => other.message === warning.message) === index,
      );
      return allWarnings.length > 0 ? { ...result, warnings: allWarnings } : result;
    },
  };
}

function parseConfig(input: OpenAICompatibleConfigInput): OpenAICompatibleConfig {
  return parsePluginConfig(
    {
      id: openAICompatibleProviderId,
      displayName: 'OpenAI-compatible',
      configSchema: openAICompatibleConfigSchema,
    },
    input,
  );
}
