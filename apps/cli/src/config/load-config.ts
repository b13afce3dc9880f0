import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { RetouchError } from '@retouch/core';

/** Settings for one provider, as the config file holds them; passed to the plugin's schema. */
export type ProviderConfigEntry = Record<string, unknown> & {
  baseURL?: string;
  model?: string;
  apiKey?: string;
  headers?: Record<string, string>;
};

export interface RetouchConfigFile {
  /** Provider used when neither --provider nor RETOUCH_PROVIDER is given. */
  provider?: string;
  /** Model for that provider when nothing more specific is given. */
  model?: string;
  /** Per-provider settings, keyed by plugin id or npm package name. */
  providers?: Record<string, ProviderConfigEntry>;
  /** Prices by model id, laid over those the models ship with (see `modelPricingSchema`). */
  pricing?: Record<string, unknown>;
  /** Prompt presets (`{ name, prompt, description?, options? }`), checked when used. */
  presets?: unknown[];
  /** `retouch mcp`: the budget for everything the server sends (`--max-cost`). */
  maxCost?: number;
  /** `retouch mcp`: ask the user before an edit estimated above this (`--confirm-above`). */
  confirmCostAbove?: number;
}

/**
 * Where a config file came from. A `workspace` file sits in the current directory, so it may come
 * from a repository someone else wrote: it must not be able to redirect a key from the environment.
 */
export type ConfigFileKind = 'explicit' | 'workspace' | 'user';

export interface LoadedConfigFile {
  path: string;
  kind: ConfigFileKind;
  data: RetouchConfigFile;
  /** True when group or others can read a file that holds a key. */
  readableByOthers: boolean;
}

export interface ConfigLocation {
  /** `--config`; RETOUCH_CONFIG when absent. */
  explicitPath?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  home?: string;
}

export const workspaceConfigName = 'retouch.config.json';

/**
 * Finds the first config file of: `--config` / RETOUCH_CONFIG, `./retouch.config.json`,
 * `$XDG_CONFIG_HOME/retouch/config.json` (default `~/.config/retouch/config.json`). Having none
 * is fine; an explicit path that does not exist is an error.
 */
export async function loadConfigFile(
  location: ConfigLocation,
): Promise<LoadedConfigFile | undefined> {
  const explicit = location.explicitPath ?? nonEmpty(location.env.RETOUCH_CONFIG);
  if (explicit !== undefined) {
    const path = resolve(location.cwd, explicit);
    const loaded = await readConfigFile(path, 'explicit');
    if (!loaded) {
      throw new RetouchError({
        code: 'invalid_request',
        message: `The config file ${path} does not exist. Check the --config path (or RETOUCH_CONFIG).`,
        issues: [{ field: 'config', message: 'file not found' }],
      });
    }
    return loaded;
  }
  const configHome =
    nonEmpty(location.env.XDG_CONFIG_HOME) ?? join(location.home ?? homedir(), '.config');
  return (
    (await readConfigFile(join(location.cwd, workspaceConfigName), 'workspace')) ??
    (await readConfigFile(join(configHome, 'retouch', 'config.json'), 'user'))
  );
}

async function readConfigFile(
  path: string,
  kind: ConfigFileKind,
): Promise<LoadedConfigFile | undefined> {
  let text: string;
  let mode: number;
  try {
    [text, mode] = await Promise.all([readFile(path, 'utf8'), stat(path).then((s) => s.mode)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RetouchError({
      code: 'invalid_request',
      message: `Could not read the config file ${path}: ${(error as Error).message}. Check its permissions.`,
      cause: error,
    });
  }
  const data = parseConfigText(text, path);
  const holdsKey = Object.values(data.providers ?? {}).some((entry) => entry.apiKey !== undefined);
  const readableByOthers = process.platform !== 'win32' && holdsKey && (mode & 0o077) !== 0;
  return { path, kind, data, readableByOthers };
}

/** Parses and shape-checks a config file. Messages never quote values, which may be keys. */
export function parseConfigText(text: string, path: string): RetouchConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidConfig(path, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw invalidConfig(path, 'it must hold a JSON object');
  for (const field of ['provider', 'model'] as const) {
    if (parsed[field] !== undefined && typeof parsed[field] !== 'string') {
      throw invalidConfig(path, `"${field}" must be a string`);
    }
  }
  if (parsed.pricing !== undefined && !isPlainObject(parsed.pricing)) {
    throw invalidConfig(path, '"pricing" must be an object keyed by model id');
  }
  if (parsed.presets !== undefined && !Array.isArray(parsed.presets)) {
    throw invalidConfig(path, '"presets" must be a list of { name, prompt, options? }');
  }
  const providers = parsed.providers;
  if (providers !== undefined) {
    if (!isPlainObject(providers))
      throw invalidConfig(path, '"providers" must be an object keyed by provider id');
    for (const [id, entry] of Object.entries(providers)) {
      if (!isPlainObject(entry)) throw invalidConfig(path, `"providers.${id}" must be an object`);
      for (const field of ['baseURL', 'model', 'apiKey'] as const) {
        if (entry[field] !== undefined && typeof entry[field] !== 'string') {
          throw invalidConfig(path, `"providers.${id}.${field}" must be a string`);
        }
      }
      if (entry.headers !== undefined && !isStringRecord(entry.headers)) {
        throw invalidConfig(path, `"providers.${id}.headers" must map header names to strings`);
      }
    }
  }
  return parsed as RetouchConfigFile;
}

function invalidConfig(path: string, problem: string): RetouchError {
  return new RetouchError({
    code: 'invalid_request',
    message: `The config file ${path} is invalid: ${problem}. See "Config file" in the @retouch/cli README.`,
    issues: [{ field: 'config', message: problem }],
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
