// Every setting Retouch reads is read here, with the rule of trust it needs (setting-trust.ts):
// nothing else in the extension calls getConfiguration.
import * as vscode from 'vscode';
import {
  layeredListValue,
  outputFolderSegments,
  userLevelValue,
  workspaceAwareValue,
} from './setting-trust.js';

function retouchSettings(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('retouch', scope);
}

/** Read from user settings or the default only; see setting-trust.ts for why. */
function userSetting<T>(key: string): T | undefined {
  return userLevelValue(retouchSettings().inspect<T>(key));
}

export function selectedProviderAndModel(scope?: vscode.Uri): { provider: string; model: string } {
  const settings = retouchSettings(scope);
  return {
    provider: settings.get<string>('provider') || 'openai-compatible',
    model: settings.get<string>('model') || 'gpt-image-2',
  };
}

/** Written to user settings, so the choice follows the user across workspaces. */
export async function saveProviderAndModel(provider: string, model: string): Promise<void> {
  const settings = retouchSettings();
  await settings.update('provider', provider, vscode.ConfigurationTarget.Global);
  await settings.update('model', model, vscode.ConfigurationTarget.Global);
}

/** The `retouch.defaults.*` settings; an empty string means "the model's default" (for the
 * output format: the source's own format). */
export interface OptionDefaults {
  size: string;
  quality: string;
  n: number;
  outputFormat: string;
  background: string;
  inputFidelity: string;
}

export function optionDefaults(scope?: vscode.Uri): OptionDefaults {
  const settings = retouchSettings(scope);
  return {
    size: settings.get<string>('defaults.size') ?? '',
    quality: settings.get<string>('defaults.quality') ?? '',
    n: settings.get<number>('defaults.n') ?? 1,
    outputFormat: settings.get<string>('defaults.outputFormat') ?? '',
    background: settings.get<string>('defaults.background') ?? '',
    inputFidelity: settings.get<string>('defaults.inputFidelity') ?? '',
  };
}

/** `retouch.presets` from every settings layer, unchecked (see `configuredPresets`). */
export function presetSettingEntries(scope?: vscode.Uri): unknown[] {
  return layeredListValue(retouchSettings(scope).inspect('presets'), vscode.workspace.isTrusted);
}

export function askForOptions(): boolean {
  return retouchSettings().get<boolean>('askForOptions') ?? true;
}

export function partialImagesWanted(): number {
  return retouchSettings().get<number>('partialImages') ?? 1;
}

/** `retouch.results`: candidates in the Studio (default), or files beside the image as before. */
export function resultsGoTo(scope?: vscode.Uri): 'studio' | 'beside' {
  return retouchSettings(scope).get<string>('results') === 'beside' ? 'beside' : 'studio';
}

/** `retouch.studio.keepDiscarded`: how many discarded candidates keep their files. */
export function keepDiscardedCount(): number {
  const value = retouchSettings().get<number>('studio.keepDiscarded');
  return typeof value === 'number' && value >= 0 ? value : 50;
}

/** `retouch.keepInput`: send images exactly as they are, not prepared for the model. */
export function keepInputWanted(): boolean {
  return retouchSettings().get<boolean>('keepInput') ?? false;
}

/** `retouch.region.*`: how a masked edit of part of a picture is sent (the engine's region settings). */
export function regionSettings(): { wholeImage: boolean; threshold: number; margin: number } {
  const settings = retouchSettings();
  return {
    wholeImage: settings.get<boolean>('region.wholeImage') ?? false,
    threshold: settings.get<number>('region.threshold') ?? 0.25,
    margin: settings.get<number>('region.margin') ?? 0.5,
  };
}

/** Whether a `name.retouch-N.ext.json` sidecar goes beside each result (the record is in the image). */
export function outputSidecarWanted(scope?: vscode.Uri): boolean {
  return retouchSettings(scope).get<boolean>('output.sidecar') ?? false;
}

/** How many Edit Each edits run at once. */
export function eachConcurrency(): number {
  return retouchSettings().get<number>('editEach.concurrency') ?? 4;
}

/**
 * `retouch.pricing`, unchecked (see pricing.ts), from user settings only: a workspace must
 * not be able to make edits look cheaper than they are (and so slip past the budget or the
 * confirmation).
 */
export function pricingSetting(): unknown {
  return userSetting<unknown>('pricing');
}

/** Estimated costs above this are shown for confirmation before anything is sent. */
export function confirmCostAbove(): number {
  return userSetting<number>('confirmCostAbove') ?? 0.25;
}

/** `retouch.maxCost`: no edit starts that could take a run above it; undefined for no limit. */
export function maxCostSetting(): number | undefined {
  const value = userSetting<number | null>('maxCost');
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

export function historyMaxEntries(): number {
  return retouchSettings().get<number>('history.maxEntries') ?? 200;
}

function proxySetting(): string | undefined {
  const own = userSetting<string>('proxy');
  if (own) return own;
  return (
    userLevelValue(vscode.workspace.getConfiguration('http').inspect<string>('proxy')) || undefined
  );
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length > 0 ? value : undefined;
}

/** Configuration for a built-in plugin, without its key, from user-level settings only. */
export function builtInProviderConfig(providerId: string): Record<string, unknown> {
  const section =
    providerId === 'queue' ? 'queue' : providerId === 'google' ? 'google' : 'openAICompatible';
  const config: Record<string, unknown> = {
    baseURL: userSetting<string>(`${section}.baseURL`) || undefined,
    authStyle: userSetting<string>(`${section}.authStyle`) || undefined,
    headers: nonEmpty(userSetting<Record<string, string>>(`${section}.headers`)),
    models: nonEmpty(userSetting<unknown[]>(`${section}.models`)),
    proxy: proxySetting(),
  };
  if (section === 'google') {
    const vertex = userSetting<{ project?: string; location?: string } | null>('google.vertex');
    config.vertex = vertex?.project ? vertex : undefined;
  }
  if (section === 'openAICompatible') {
    config.queryParams = nonEmpty(userSetting<Record<string, string>>(`${section}.queryParams`));
    config.wire = userSetting<string>(`${section}.wire`) || undefined;
  }
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}

/**
 * Where results for `source` go: `retouch.outputFolder` inside the source's workspace folder,
 * or next to the source. A workspace's own value counts only once the workspace is trusted.
 */
export function outputFolderFor(source: vscode.Uri): vscode.Uri | { error: string } {
  const inspection = retouchSettings(source).inspect<string>('outputFolder');
  const segments = outputFolderSegments(
    workspaceAwareValue(inspection, vscode.workspace.isTrusted),
  );
  if ('error' in segments) return segments;
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(source);
  if (segments.length === 0 || !workspaceFolder) return vscode.Uri.joinPath(source, '..');
  return vscode.Uri.joinPath(workspaceFolder.uri, ...segments);
}

/** Settings older setups used for keys, and the provider each belongs to. */
const legacyKeySettings = [
  { key: 'apiKey', provider: 'openai-compatible' },
  { key: 'openAICompatible.apiKey', provider: 'openai-compatible' },
  { key: 'queue.apiKey', provider: 'queue' },
] as const;

const settingsLayers = [
  ['globalValue', vscode.ConfigurationTarget.Global, 'User'],
  ['workspaceValue', vscode.ConfigurationTarget.Workspace, 'Workspace'],
  ['workspaceFolderValue', vscode.ConfigurationTarget.WorkspaceFolder, 'Workspace Folder'],
] as const;

/** An API key found in a setting: which one, whose, and in which settings files. */
export interface LegacyKeySetting {
  /** The setting without `retouch.`, e.g. `queue.apiKey`. */
  key: string;
  provider: string;
  value: string;
  /** `User`, `Workspace`, `Workspace Folder`. */
  layers: string[];
  /** Removes the setting from every settings file it is in. */
  remove(): Promise<void>;
}

/** Keys that older setups kept in settings files (they belong in SecretStorage). */
export function legacyKeySettingsInUse(): LegacyKeySetting[] {
  const settings = retouchSettings();
  return legacyKeySettings.flatMap(({ key, provider }) => {
    const inspection = settings.inspect<string>(key);
    const found = settingsLayers.filter(
      ([field]) => typeof inspection?.[field] === 'string' && inspection[field],
    );
    if (found.length === 0) return [];
    return [
      {
        key,
        provider,
        value: inspection?.[found[0]![0]] as string,
        layers: found.map(([, , label]) => label),
        async remove() {
          for (const [, target] of found) await settings.update(key, undefined, target);
        },
      },
    ];
  });
}
