import { createRegistry } from '@retouch/core';
import { definePlugin, type RetouchPlugin } from '@retouch/core/provider';
import { record, string, unknown } from 'zod/mini';

let loaded: RetouchPlugin | undefined;

/** Google's plugin itself: dist/provider-google.js, required the first time it is needed. */
function googlePlugin(): RetouchPlugin {
  // A require of the sibling file that esbuild leaves alone (see scripts/esbuild-plugins.mjs).
  loaded ??= (require('./provider-google.js') as typeof import('./google-provider-chunk.js'))
    .googlePlugin;
  return loaded;
}

/**
 * The built-in Google provider as the edit runtime lists it, without its code: an edit through
 * another provider never loads Google's. Creating a provider loads dist/provider-google.js, whose
 * own schema then checks the configuration. `built-in-providers.test.ts` keeps the names in step.
 */
export const lazyGooglePlugin = definePlugin({
  id: 'google',
  displayName: 'Google (Gemini)',
  description:
    "Google's Gemini image models (Nano Banana) through generateContent, on the Gemini API or Vertex AI.",
  configSchema: record(string(), unknown()),
  secretFields: ['apiKey'],
  create: (config, context) =>
    createRegistry([googlePlugin()]).createProvider('google', config, context),
});
