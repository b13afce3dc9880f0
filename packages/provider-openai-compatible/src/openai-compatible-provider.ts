import {
  type EditCall,
  type EditWarning,
  type ImageEditProviderV1,
  type PluginContext,
  type ProviderEditResult,
  parsePluginConfig,
  sanitizeServerText,
} from '@retouch/core';
import type { ErrorBodyDetail } from '@retouch/core/http';
import { createHttpClient, guardedDownload, type HttpClient } from '@retouch/core/http';
import { buildJsonBody } from './build-json-body.js';
import { buildMultipartBody } from './build-multipart-body.js';
import { isStreamRejection, readOpenAIError } from './map-openai-error.js';
import {
  type BodyMode,
  type OpenAICompatibleConfig,
  type OpenAICompatibleConfigInput,
  openAICompatibleConfigSchema,
} from './openai-compatible-config.js';
import {
  createConnection,
  type OpenAICompatibleConnection,
} from './openai-compatible-connection.js';
import {
  type OpenAICompatibleModel,
  permissiveModel,
  resolveModelTable,
} from './openai-compatible-models.js';
import {
  type OpenAICompatibleProviderOptions,
  readProviderOptions,
} from './openai-compatible-provider-options.js';
import { readEditStream } from './parse-edit-stream.js';
import { parseImagesResponse } from './parse-images-response.js';

export const openAICompatibleProviderId = 'openai-compatible';

interface SendOptions {
  model: OpenAICompatibleModel;
  bodyMode: BodyMode;
  providerOptions: OpenAICompatibleProviderOptions;
  stream: boolean;
  warnings: EditWarning[];
}

type SendOutcome = { result: ProviderEditResult } | { streamRejected: ErrorBodyDetail };

/**
 * The provider behind the `openai-compatible` plugin. Takes the configuration as a user writes
 * it (defaults filled in here), so Node code can skip the registry.
 */
export function createOpenAICompatibleProvider(
  input: OpenAICompatibleConfigInput = {},
  context: PluginContext = {},
): ImageEditProviderV1 {
  const provider = openAICompatibleProviderId;
  const config = parseConfig(input);
  const connection: OpenAICompatibleConnection = createConnection(config);
  const { secrets } = connection;
  const client: HttpClient = createHttpClient({
    provider,
    proxy: config.proxy,
    headersTimeoutMs: config.timeoutMs,
    bodyTimeoutMs: config.timeoutMs,
    secrets,
    log: context.log,
    limits: config.responseLimits,
  });
  const table = resolveModelTable(config.models);
  const byId = new Map(table.map((model) => [model.info.id, model]));

  async function download(url: string, signal: AbortSignal) {
    return guardedDownload(url, {
      client,
      provider,
      maxBytes: config.maxDownloadBytes,
      maxBytesSetting: 'maxDownloadBytes',
      signal,
      headers: connection.authHeaders,
      authOrigin: connection.authOrigin,
    });
  }

  async function send(call: EditCall, options: SendOptions): Promise<SendOutcome> {
    const { model, bodyMode, providerOptions, stream } = options;
    const fieldOptions = { model, providerOptions, stream };
    const headers: Record<string, string> = {
      accept: stream ? 'text/event-stream, application/json' : 'application/json',
      ...connection.headers,
    };
    let body: string | ReturnType<typeof buildMultipartBody>['body'];
    if (bodyMode === 'json') {
      body = await buildJsonBody(call, fieldOptions);
      headers['content-type'] = 'application/json';
    } else {
      const multipart = buildMultipartBody(call, {
        ...fieldOptions,
        imageFieldStyle: config.imageFieldStyle,
      });
      body = multipart.body;
      options.warnings.push(...multipart.warnings);
    }

    const response = await client.request({
      method: 'POST',
      url: connection.editUrl,
      headers,
      body,
      signal: call.signal,
    });
    if (!response.ok) {
      const { error, detail } = await readOpenAIError(response, { provider, secrets });
      if (stream && detail && isStreamRejection(response.status, detail)) {
        return { streamRejected: detail };
      }
      throw error;
    }
    const requestId = response.requestId;
    const contentType = response.headers.get('content-type') ?? '';
    // A gateway may ignore `stream` and answer with plain JSON; both are fine.
    if (contentType.includes('text/event-stream')) {
      const result = await readEditStream(response, {
        provider,
        secrets,
        requestId,
        n: call.n,
        onProgress: call.onProgress,
      });
      return { result };
    }
    // An images response carries up to n base64 images: the read is capped for that many.
    const result = await parseImagesResponse(await response.text({ images: call.n }), {
      provider,
      requestId,
      secrets,
      wanted: call.n,
      signal: call.signal,
      download: (url, signal) => download(url, signal ?? call.signal),
    });
    return { result };
  }

  return {
    specificationVersion: 'v1',
    id: provider,
    models: table.map((model) => model.info),
    secrets,
    describeModel(modelId) {
      if (byId.has(modelId)) return { model: byId.get(modelId)!.info };
      return {
        model: permissiveModel(modelId).info,
        warning: {
          type: 'unknown-model',
          model: modelId,
          message: `${provider} does not know the model "${modelId}"; sending it anyway with permissive limits, so the server decides what it accepts. Declare it under \`models\` in the configuration to get exact checks.`,
        },
      };
    },
    async edit(call) {
      const model = byId.get(call.model) ?? permissiveModel(call.model);
      const { options: providerOptions, warnings } = readProviderOptions(call.providerOptions);
      const bodyMode = model.bodyMode ?? config.bodyMode;
      if (bodyMode !== config.bodyMode) {
        warnings.push({
          type: 'fallback',
          message: `${call.model} takes only a ${bodyMode} body, so the edit was sent as ${bodyMode} instead of ${config.bodyMode}.`,
        });
      }
      const wantsStream = call.partialImages !== undefined;
      const options: SendOptions = {
        model,
        bodyMode,
        providerOptions,
        stream: wantsStream,
        warnings,
      };

      let outcome = await send(call, options);
      if ('streamRejected' in outcome) {
        const warning: EditWarning = {
          type: 'fallback',
          message: `The server refused to stream (${sanitizeServerText(outcome.streamRejected.message ?? 'HTTP 400', { singleLine: true }).slice(0, 300)}), so the edit ran without partial images.`,
        };
        warnings.push(warning);
        // Said now, so a UI waiting for previews knows none will come.
        call.onProgress({ type: 'warning', warning });
        outcome = await send(call, { ...options, stream: false });
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
