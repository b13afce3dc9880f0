import {
  type ImageEditProviderV1,
  type PluginContext,
  parsePluginConfig,
} from '@retouch/core/provider';
import { cancelJob } from './cancel.js';
import { fetchResult } from './fetch-result.js';
import { readJobHandle, toJobHandle } from './job-handle.js';
import { createQueueClient } from './queue-client.js';
import { type QueueConfig, type QueueConfigInput, queueConfigSchema } from './queue-config.js';
import { buildModelCatalog } from './queue-models.js';
import { submitJob } from './submit.js';
import { watchStatus } from './watch-status.js';

/** A queue provider from an already validated configuration (what the plugin's `create` gets). */
export function createQueueProviderFromConfig(
  config: QueueConfig,
  context: PluginContext = {},
): ImageEditProviderV1 {
  const client = createQueueClient(config, context);
  const catalog = buildModelCatalog(config.models);
  // Only the job steps: the engine submits, follows, retries, fetches and cancels through them.
  const jobs: NonNullable<ImageEditProviderV1['jobs']> = {
    idempotentStart: config.idempotencyHeader !== null,
    async start(call) {
      const job = await submitJob(client, call, catalog.fieldsFor(call.model));
      return toJobHandle(job, client.provider);
    },
    watch(handle, { signal }) {
      const submittedAt = Date.parse(handle.createdAt);
      return watchStatus(
        client,
        readJobHandle(handle, client),
        signal,
        Number.isNaN(submittedAt) ? undefined : submittedAt,
      );
    },
    async result(handle, { signal }) {
      return fetchResult(client, readJobHandle(handle, client), signal);
    },
    async cancel(handle) {
      return cancelJob(client, readJobHandle(handle, client));
    },
  };
  return {
    specificationVersion: 'v1',
    id: client.provider,
    models: catalog.models,
    describeModel: (modelId) => catalog.describe(modelId),
    jobs,
    secrets: client.secrets,
  };
}

/** A queue provider for direct use with `editImage()`; validates `config` first. */
export function createQueueProvider(
  config: QueueConfigInput = {},
  context: PluginContext = {},
): ImageEditProviderV1 {
  const parsed = parsePluginConfig(
    { id: 'queue', displayName: 'Queue (fal-style)', configSchema: queueConfigSchema },
    config,
  );
  return createQueueProviderFromConfig(parsed, context);
}
