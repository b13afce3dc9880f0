import { type EditCall, isRetouchError } from '@retouch/core';
import type { BatchApiLineResult, BatchApiState, BatchApiSteps } from '@retouch/core/batch-api';
import * as z from 'zod/mini';
import { readOpenAIError } from '../map-openai-error.js';
import type { OpenAICompatibleModel } from '../openai-compatible-models.js';
import { readProviderOptions } from '../openai-compatible-provider-options.js';
import type { SendContext } from '../send-context.js';
import { batchEndpoint } from './batch-endpoints.js';
import { maxResultFileBytes, maxResultLineBytes, openAIBatchLimits } from './batch-limits.js';
import { batchSchema, toBatchState } from './batch-state.js';
import { buildBatchLine } from './build-batch-line.js';
import { downloadToTempFile } from './download-to-temp-file.js';
import { parseBatchResultLine } from './parse-batch-result-line.js';
import { readJsonlLines } from './read-jsonl-lines.js';
import { jsonlFile, uploadFile } from './upload-file.js';

const listSchema = z.object({
  data: z.array(z.unknown()).check(z.maxLength(100)),
  has_more: z.optional(z.boolean()),
  last_id: z.nullish(z.string()),
});

/** How many pages of `GET /batches` to look through for a batch a crash left unrecorded. */
const findPages = 5;

/**
 * OpenAI's Files and Batches APIs as the engine's batch steps: lines for `/v1/images/edits`,
 * uploads, create, retrieve, cancel, list, and the result files read as streams.
 */
export function createOpenAIBatchApi(
  send: SendContext,
  models: () => readonly OpenAICompatibleModel[],
  modelFor: (id: string) => OpenAICompatibleModel,
): BatchApiSteps {
  const { provider, secrets, client, connection, config } = send;

  async function json(
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: unknown,
    query?: Record<string, string>,
  ) {
    const response = await client.request({
      method,
      url: batchEndpoint(config, path, query),
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...connection.headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
    if (!response.ok) throw (await readOpenAIError(response, { provider, secrets })).error;
    return response.json({ images: 0 });
  }
  /** The file saved to disk first (see downloadToTempFile), tried again after a dropped connection. */
  async function downloadResults(fileId: string, signal: AbortSignal) {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await client.request({
          method: 'GET',
          url: batchEndpoint(config, `/files/${encodeURIComponent(fileId)}/content`),
          headers: connection.headers,
          signal,
        });
        if (!response.ok) throw (await readOpenAIError(response, { provider, secrets })).error;
        return await downloadToTempFile(response.body, {
          maxBytes: maxResultFileBytes,
          provider,
          signal,
        });
      } catch (error) {
        // A dropped connection mid-body surfaces as a stream error, not a RetouchError: try again.
        if (attempt >= 3 || signal.aborted || (isRetouchError(error) && !error.retryable))
          throw error;
      }
    }
  }
  const state = (value: unknown): BatchApiState => {
    const { inputFileId: _input, ...rest } = toBatchState(value, provider);
    return rest;
  };

  return {
    limits: openAIBatchLimits,
    get models() {
      return models()
        .filter((model) => model.batchPriceFactor !== undefined)
        .map((model) => model.info.id);
    },
    priceFactor: (model) => (model ? modelFor(model).batchPriceFactor : undefined),
    line(call: EditCall, customId: string, signal: AbortSignal) {
      const { options: providerOptions } = readProviderOptions(call.providerOptions);
      return buildBatchLine(call, customId, {
        model: modelFor(call.model),
        providerOptions,
        upload: (file) => uploadFile(file, 'vision', send, signal),
      });
    },
    uploadInput: (file, signal) =>
      uploadFile(jsonlFile(file.path, file.size), 'batch', send, signal),
    async create(inputFileId, metadata, signal) {
      return state(
        await json('POST', '/batches', signal, {
          input_file_id: inputFileId,
          endpoint: '/v1/images/edits',
          completion_window: '24h',
          metadata,
        }),
      );
    },
    async find(inputFileId, signal) {
      let after: string | undefined;
      for (let page = 0; page < findPages; page++) {
        const list = listSchema.safeParse(
          await json('GET', '/batches', signal, undefined, {
            limit: '100',
            ...(after ? { after } : {}),
          }),
        );
        if (!list.success) return undefined;
        for (const item of list.data.data) {
          const batch = batchSchema.safeParse(item);
          if (batch.success && batch.data.input_file_id === inputFileId) return state(item);
        }
        if (!list.data.has_more || !list.data.last_id) return undefined;
        after = list.data.last_id;
      }
      return undefined;
    },
    retrieve: async (batchId, signal) =>
      state(await json('GET', `/batches/${encodeURIComponent(batchId)}`, signal)),
    cancel: async (batchId, signal) =>
      state(await json('POST', `/batches/${encodeURIComponent(batchId)}/cancel`, signal)),
    async *results(fileId, signal): AsyncGenerator<BatchApiLineResult> {
      const file = await downloadResults(fileId, signal);
      try {
        const lines = readJsonlLines(file.open(), { maxLineBytes: maxResultLineBytes, provider });
        for await (const text of lines) {
          const line = await parseBatchResultLine(text, send, signal);
          if (line) yield line;
        }
      } finally {
        await file.remove();
      }
    },
  };
}
