// dist/provider-google.js: the Google provider, required by the edit runtime the first time the
// google provider is used. It brings only its own code: @retouch/core and zod come from the edit
// runtime already loaded (see sharedWithEditRuntime in scripts/esbuild-plugins.mjs).
export { googlePlugin } from '@retouch/provider-google';
