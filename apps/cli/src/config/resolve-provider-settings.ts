import { RetouchError } from '@retouch/core';
import type { LoadedConfigFile, ProviderConfigEntry } from './load-config.js';
import { nonEmpty, workspaceConfigName } from './load-config.js';

export const defaultProviderName = 'openai-compatible';

export interface SettingFlags {
  provider?: string;
  model?: string;
  baseUrl?: string;
  /** `images` or `chat`: the openai-compatible wire for every model, overriding the config file. */
  wire?: string;
}

/** The provider to use: --provider, RETOUCH_PROVIDER, the config file's `provider`, openai-compatible. */
export function chooseProviderName(
  flags: SettingFlags,
  env: NodeJS.ProcessEnv,
  file: LoadedConfigFile | undefined,
): string {
  return (
    nonEmpty(flags.provider) ??
    nonEmpty(env.RETOUCH_PROVIDER) ??
    nonEmpty(file?.data.provider) ??
    defaultProviderName
  );
}

/** Environment variables that may hold each built-in provider's key, most specific first. */
const keyVariablesByPlugin: Record<string, readonly string[]> = {
  'openai-compatible': ['RETOUCH_OPENAI_API_KEY', 'OPENAI_API_KEY'],
  queue: ['RETOUCH_QUEUE_API_KEY', 'FAL_KEY'],
  // Google's own SDKs read GEMINI_API_KEY, then GOOGLE_API_KEY.
  google: ['RETOUCH_GOOGLE_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY'],
};

/** `RETOUCH_ACME_IMAGES_API_KEY` for plugin id `acme-images`; works for built-ins too. */
export function keyVariablesFor(pluginId: string): string[] {
  const generic = `RETOUCH_${pluginId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY`;
  return [...new Set([...(keyVariablesByPlugin[pluginId] ?? []), generic])];
}

export interface ProviderSettings {
  /** Configuration for the plugin's schema: the config file entry with flags and env applied. */
  pluginConfig: Record<string, unknown>;
  /** Model chosen by flag, env or config file; undefined means "the provider's first model". */
  model?: string;
  /** Every secret value in `pluginConfig`, to scrub from anything printed. */
  secrets: string[];
  /** Where the key came from, e.g. `env OPENAI_API_KEY` (never the value). */
  keySource?: string;
  /** Notes to show the user (insecure file mode, …). */
  notices: string[];
}

export interface ResolveInput {
  pluginId: string;
  /** What the user typed for --provider (a plugin id or an npm package name). */
  providerName: string;
  /** Config keys the plugin marks secret; the env key lands in the first, else in `apiKey`. */
  secretFields: readonly string[];
  flags: SettingFlags;
  env: NodeJS.ProcessEnv;
  file: LoadedConfigFile | undefined;
}

/** Applies precedence flags > environment > config file for one provider. */
export function resolveProviderSettings(input: ResolveInput): ProviderSettings {
  const { file, env, flags } = input;
  const entry: ProviderConfigEntry = {
    ...(file?.data.providers?.[input.providerName] ?? file?.data.providers?.[input.pluginId] ?? {}),
  };
  const { model: entryModel, ...pluginConfig } = entry;
  const notices: string[] = [];

  const keyField = input.secretFields[0] ?? 'apiKey';
  let keySource: string | undefined;
  const keyVariable = keyVariablesFor(input.pluginId).find(
    (name) => nonEmpty(env[name]) !== undefined,
  );
  if (keyVariable !== undefined) {
    pluginConfig[keyField] = env[keyVariable];
    keySource = `environment variable ${keyVariable}`;
  } else if (pluginConfig[keyField] !== undefined && file) {
    keySource = `config file ${file.path}`;
    if (file.readableByOthers) {
      notices.push(
        `${file.path} holds an API key but other users can read it; run: chmod 600 "${file.path}"`,
      );
    }
  }

  const baseURL = nonEmpty(flags.baseUrl) ?? nonEmpty(env.RETOUCH_BASE_URL);
  if (baseURL !== undefined) {
    pluginConfig.baseURL = baseURL;
  } else if (
    file?.kind === 'workspace' &&
    entry.baseURL !== undefined &&
    keyVariable !== undefined
  ) {
    // A retouch.config.json in a cloned repository must not be able to send the user's key to a
    // server of its choosing.
    throw new RetouchError({
      code: 'invalid_request',
      provider: input.pluginId,
      message: `${file.path} sets a base URL for ${input.pluginId}, and Retouch will not send the key from ${keyVariable} to an endpoint chosen by a file in the current directory. If you trust that file, pass it explicitly with --config ./${workspaceConfigName}, or give the endpoint with --base-url.`,
    });
  }

  if (flags.wire !== undefined) applyWire(pluginConfig, input.pluginId, flags.wire);

  const topLevelModel =
    file?.data.provider === undefined || file.data.provider === input.providerName
      ? file?.data.model
      : undefined;
  const model =
    nonEmpty(flags.model) ??
    nonEmpty(env.RETOUCH_MODEL) ??
    nonEmpty(entryModel) ??
    nonEmpty(topLevelModel);

  const secrets = collectSecrets(pluginConfig, input.secretFields);
  return { pluginConfig, model, secrets, keySource, notices };
}

/** `--wire` is an explicit choice for this run, so it wins over every model's configured wire. */
function applyWire(pluginConfig: Record<string, unknown>, pluginId: string, wire: string): void {
  if (pluginId !== 'openai-compatible') {
    throw new RetouchError({
      code: 'invalid_request',
      provider: pluginId,
      message: `--wire applies to the openai-compatible provider only; ${pluginId} has a single wire. Drop --wire, or use --provider openai-compatible.`,
      issues: [{ field: '--wire', message: 'only for openai-compatible' }],
    });
  }
  pluginConfig.wire = wire;
  if (Array.isArray(pluginConfig.models)) {
    pluginConfig.models = pluginConfig.models.map((model: unknown) => {
      if (typeof model !== 'object' || model === null) return model;
      const { wire: _wire, ...rest } = model as Record<string, unknown>;
      return rest;
    });
  }
}

function collectSecrets(
  config: Record<string, unknown>,
  secretFields: readonly string[],
): string[] {
  const secrets = new Set<string>();
  for (const field of new Set([...secretFields, 'apiKey'])) {
    const value = config[field];
    if (typeof value === 'string' && value !== '') secrets.add(value);
  }
  // Header values are often credentials (Authorization, api-key, x-goog-api-key): treat them all so.
  const headers = config.headers;
  if (typeof headers === 'object' && headers !== null) {
    for (const value of Object.values(headers)) {
      if (typeof value === 'string' && value !== '') {
        secrets.add(value);
        const bearer = /^(?:bearer|key|basic)\s+(.+)$/i.exec(value)?.[1];
        if (bearer) secrets.add(bearer);
      }
    }
  }
  return [...secrets];
}
