// dist/provider-queue.js: the queue provider, required by the edit runtime the first time the
// queue provider is used (an edit, a model list, a job resumed). It brings only its own code:
// @retouch/core and zod come from the edit runtime already loaded (see sharedWithEditRuntime in
// scripts/esbuild-plugins.mjs).
export { queuePlugin } from '@retouch/provider-queue';
