import type { AgentToolRuntime } from '../agent-tools/agent-tool-runtime.js';
import type { ProviderEntry } from './provider-catalog.js';
import type { RetouchServices } from './services.js';

/** Who asked to resume pending queue jobs: the window starting, or the user's command. */
export type ResumeTrigger = 'start-up' | 'command';

/** What dist/edit-runtime.js hands the activation file (src/edit-runtime.ts builds it). */
export interface EditRuntime {
  builtInProviders: readonly ProviderEntry[];
  commands: Readonly<Record<string, (...args: never[]) => unknown>>;
  resumePendingJobs(trigger: ResumeTrigger): Promise<void>;
  /** The language-model tools' work (agent-tools/). */
  agentTools: AgentToolRuntime;
}

interface EditRuntimeModule {
  createEditRuntime(services: RetouchServices): EditRuntime;
}

const loaded = new WeakMap<RetouchServices, EditRuntime>();

/**
 * The edit runtime (dist/edit-runtime.js: the engine, the providers, undici, zod), loaded on the
 * first command that needs it, once per activation. Activation itself never loads it.
 */
export function loadEditRuntime(services: RetouchServices): EditRuntime {
  let runtime = loaded.get(services);
  if (!runtime) {
    const started = performance.now();
    // Resolved beside dist/extension.js, where this file is bundled: esbuild leaves this require
    // alone (see scripts/esbuild-plugins.mjs), so the runtime stays a file of its own.
    const module = require('./edit-runtime.js') as EditRuntimeModule;
    runtime = module.createEditRuntime(services);
    loaded.set(services, runtime);
    services.log.info(`Loaded the edit runtime in ${(performance.now() - started).toFixed(1)} ms.`);
  }
  return runtime;
}
