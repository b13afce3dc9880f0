import type { $ZodType, output } from 'zod/v4/core';
import type { ImageEditProvider } from './provider.js';

/** One HTTP exchange, for apps that show a request log. URLs and messages arrive redacted. */
export interface RequestLogEntry {
  provider: string;
  method: string;
  url: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  error?: string;
}

export interface PluginContext {
  /** Called once per HTTP exchange. */
  log?: (entry: RequestLogEntry) => void;
}

/**
 * A provider plugin. `configSchema` is any zod 4 schema: `zod` (classic) or `zod/mini`.
 */
export interface RetouchPlugin<Schema extends $ZodType = $ZodType> {
  /** Stable id, lowercase kebab-case, used in `provider:model` references. */
  readonly id: string;
  readonly displayName: string;
  readonly description?: string;
  /** Validates the user's configuration (base URL, key, headers, …) before `create()`. */
  readonly configSchema: Schema;
  /**
   * Configuration keys that hold secrets. Apps keep these in secret storage, never in settings
   * files, and the engine scrubs their values from every error.
   */
  readonly secretFields: readonly string[];
  create(config: output<Schema>, context: PluginContext): ImageEditProvider;
}

const pluginMarker = Symbol.for('@retouch/core/plugin');
const pluginIdPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares a provider plugin. It checks the definition early, so an author sees a mistake when
 * their module loads rather than when a user first edits an image.
 */
export function definePlugin<Schema extends $ZodType>(
  definition: Omit<RetouchPlugin<Schema>, 'secretFields'> & { secretFields?: readonly string[] },
): RetouchPlugin<Schema> {
  if (!pluginIdPattern.test(definition.id)) {
    throw new TypeError(
      `Plugin id "${definition.id}" is invalid: use lowercase kebab-case such as "acme-images".`,
    );
  }
  if (typeof definition.create !== 'function') {
    throw new TypeError(`Plugin "${definition.id}" needs a create(config, context) function.`);
  }
  if (
    typeof (definition.configSchema as { safeParse?: unknown } | undefined)?.safeParse !==
    'function'
  ) {
    throw new TypeError(`Plugin "${definition.id}" needs a zod configSchema.`);
  }
  return Object.freeze({
    ...definition,
    secretFields: definition.secretFields ?? [],
    [pluginMarker]: true,
  });
}

/** True for a value built by `definePlugin()`, from any copy of @retouch/core. */
export function isRetouchPlugin(value: unknown): value is RetouchPlugin {
  return typeof value === 'object' && value !== null && pluginMarker in value;
}
