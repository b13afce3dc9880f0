import { createRegistry } from '@retouch/core';
import { definePlugin, type RetouchPlugin } from '@retouch/core/provider';
import { record, string, unknown } from 'zod/mini';

let loaded: RetouchPlugin | undefined;

/** The queue plugin itself: dist/provider-queue.js, required the first time it is needed. */
function queuePlugin(): RetouchPlugin {
  // A require of the sibling file that esbuild leaves alone (see scripts/esbuild-plugins.mjs).
  loaded ??= (require('./provider-queue.js') as typeof import('./queue-provider-chunk.js'))
    .queuePlugin;
  return loaded;
}

/**
 * The built-in queue provider as the edit runtime lists it, without its code: an edit through
 * another provider never loads it. Creating a provider loads dist/provider-queue.js, whose own
 * schema then checks the configuration. `built-in-providers.test.ts` keeps the names in step.
 */
export const lazyQueuePlugin = definePlugin({
  id: 'queue',
  displayName: 'Queue (fal-style)',
  description:
    'fal.ai and other fal-style queue APIs: submit, follow status by server-sent events or polling, fetch, cancel and resume.',
  configSchema: record(string(), unknown()),
  secretFields: ['apiKey'],
  create: (config, context) =>
    createRegistry([queuePlugin()]).createProvider('queue', config, context),
});
