import type { EditRuntime } from './edit-runtime.js';
import type { RetouchServices } from './services.js';

const loaded = new WeakMap<RetouchServices, EditRuntime>();

/**
 * The edit runtime (dist/edit-runtime.js: the engine, the providers, undici, zod), loaded on the
 * first command that needs it, once per activation. Activation itself never loads it.
 */
export function loadEditRuntime(services: RetouchServices): EditRuntime {
  let runtime = loaded.get(services);
  if (!runtime) {
    const started = performance.now();
    // A require of the sibling file that esbuild leaves alone (see scripts/esbuild-plugins.mjs).
    const module = require('./edit-runtime.js') as typeof import('./edit-runtime.js');
    runtime = module.createEditRuntime(services);
    loaded.set(services, runtime);
    services.log.info(`Loaded the edit runtime in ${(performance.now() - started).toFixed(1)} ms.`);
  }
  return runtime;
}
