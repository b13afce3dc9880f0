import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RetouchError } from '@retouch/core';
import { isRetouchPlugin, type RetouchPlugin } from '@retouch/core/provider';

export interface LoadedPlugin {
  plugin: RetouchPlugin;
  /** What the user named: `queue`, `retouch-provider-acme`, `./my-plugin.js`. */
  name: string;
  source: 'built-in' | 'package' | 'file';
}

/** Built-in providers, loaded on demand so `retouch --help` does not pay for them. */
const builtIns: Record<string, () => Promise<Record<string, unknown>>> = {
  'openai-compatible': () => import('@retouch/provider-openai-compatible'),
  queue: () => import('@retouch/provider-queue'),
};

export const builtInProviderNames = Object.keys(builtIns);

const packageNamePattern =
  /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(?:\/[a-zA-Z0-9._~/-]+)?$/;

/**
 * Loads a provider plugin: a built-in id, an npm package installed where the command runs (found
 * from `cwd` up, like Node would for a script there), or a local module path. The module must
 * export a plugin made with `definePlugin()` from @retouch/core, as its default or a named export.
 */
export async function loadPlugin(name: string, cwd: string): Promise<LoadedPlugin> {
  const builtIn = builtIns[name];
  if (builtIn) return { plugin: pickPlugin(await builtIn(), name), name, source: 'built-in' };

  const isPath = name.startsWith('.') || isAbsolute(name) || name.startsWith('file:');
  if (!isPath && !packageNamePattern.test(name)) {
    throw pluginError(
      `"${name}" is not a provider: use ${builtInProviderNames.join(' or ')}, the name of an installed npm package that exports a Retouch plugin, or a path to one (./my-plugin.js).`,
    );
  }
  const url = isPath
    ? name.startsWith('file:')
      ? name
      : pathToFileURL(resolve(cwd, name)).href
    : pathToFileURL(await resolvePackageEntry(name, cwd)).href;

  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw pluginError(
      `The provider plugin "${name}" could not be loaded: ${(error as Error).message}. Check that it is installed and built for Node ${process.versions.node}.`,
      error,
    );
  }
  return { plugin: pickPlugin(module, name), name, source: isPath ? 'file' : 'package' };
}

/** The module's plugin: its default export if that is one, else its only plugin-valued export. */
function pickPlugin(module: Record<string, unknown>, name: string): RetouchPlugin {
  if (isRetouchPlugin(module.default)) return module.default;
  // A CommonJS package arrives with everything under `default`.
  const commonJs =
    typeof module.default === 'object' && module.default !== null
      ? Object.values(module.default as Record<string, unknown>)
      : [];
  const found = [...new Set([...Object.values(module), ...commonJs].filter(isRetouchPlugin))];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw pluginError(
      `"${name}" exports several provider plugins (${found.map((p) => p.id).join(', ')}); make one of them the default export.`,
    );
  }
  const exported = Object.keys(module).filter((key) => key !== '__esModule');
  throw pluginError(
    `"${name}" is not a Retouch provider plugin: none of its exports (${exported.join(', ') || 'none'}) was made with definePlugin() from @retouch/core. Check the package name, or ask its author to export the plugin (default or named export).`,
  );
}

/** Finds `node_modules/<name>` from `cwd` upwards and returns its ESM entry file. */
async function resolvePackageEntry(specifier: string, cwd: string): Promise<string> {
  const segments = specifier.split('/');
  const packageName = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
  const subpath = `.${specifier.slice(packageName.length)}`;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const packageDir = join(dir, 'node_modules', packageName);
    const manifest = await readJson(join(packageDir, 'package.json'));
    if (manifest) {
      const entry = entryFromManifest(manifest, subpath);
      if (entry === undefined) {
        throw pluginError(
          `"${specifier}" is installed but does not export "${subpath}" for import.`,
        );
      }
      return join(packageDir, entry);
    }
    if (dirname(dir) === dir) break;
  }
  throw pluginError(
    `The provider plugin package "${packageName}" is not installed here (looked in node_modules from ${cwd} upwards). Install it in this project: npm install ${packageName}`,
  );
}

const conditions = new Set(['node', 'import', 'default']);

function entryFromManifest(manifest: Record<string, unknown>, subpath: string): string | undefined {
  const exportsField = manifest.exports;
  if (exportsField === undefined) {
    if (subpath !== '.') return subpath;
    return typeof manifest.main === 'string' ? manifest.main : 'index.js';
  }
  const isSubpathMap =
    typeof exportsField === 'object' &&
    exportsField !== null &&
    !Array.isArray(exportsField) &&
    Object.keys(exportsField).some((key) => key.startsWith('.'));
  const target = isSubpathMap
    ? (exportsField as Record<string, unknown>)[subpath]
    : subpath === '.'
      ? exportsField
      : undefined;
  return pickCondition(target);
}

function pickCondition(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = pickCondition(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [key, value] of Object.entries(target)) {
      if (conditions.has(key)) {
        const found = pickCondition(value);
        if (found) return found;
      }
    }
  }
  return undefined;
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function pluginError(message: string, cause?: unknown): RetouchError {
  return new RetouchError({
    code: 'invalid_request',
    message,
    cause,
    issues: [{ field: 'provider', message: 'not a usable provider plugin' }],
  });
}
