/** The parts of `WorkspaceConfiguration.inspect()` these rules read. */
export interface SettingInspection<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * For settings that say where requests and keys go (base URLs, headers, proxy): the user's own
 * value or the default, never a workspace's. A cloned repository's `.vscode/settings.json` must
 * not be able to send the key to its own server, trusted or not.
 */
export function userLevelValue<T>(inspection: SettingInspection<T> | undefined): T | undefined {
  return inspection?.globalValue ?? inspection?.defaultValue;
}

/**
 * For settings a workspace may set (the output folder): its value only once the user trusts it;
 * in Restricted Mode the user's own value or the default.
 */
export function workspaceAwareValue<T>(
  inspection: SettingInspection<T> | undefined,
  workspaceTrusted: boolean,
): T | undefined {
  if (workspaceTrusted) {
    return (
      inspection?.workspaceFolderValue ??
      inspection?.workspaceValue ??
      inspection?.globalValue ??
      inspection?.defaultValue
    );
  }
  return userLevelValue(inspection);
}

/**
 * For list settings that add up (prompt presets): the workspace folder's entries, then the
 * workspace's, then the user's, so a team's shared entries come first and a person's own stay
 * available. A workspace's entries count only once the user trusts it.
 */
export function layeredListValue(
  inspection: SettingInspection<unknown> | undefined,
  workspaceTrusted: boolean,
): unknown[] {
  const layers = workspaceTrusted
    ? [inspection?.workspaceFolderValue, inspection?.workspaceValue, inspection?.globalValue]
    : [inspection?.globalValue];
  return layers.flatMap((layer) => (Array.isArray(layer) ? layer : []));
}

/**
 * The output folder as path segments inside the workspace folder, or an error message for one
 * that would leave it (absolute, `..`, a drive letter). Empty segments: next to the source.
 */
export function outputFolderSegments(setting: string | undefined): string[] | { error: string } {
  const trimmed = (setting ?? '').trim();
  if (!trimmed) return [];
  if (/^([a-z]:|[\\/]|~)/i.test(trimmed) || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return { error: `retouch.outputFolder "${trimmed}" must be relative to the workspace folder.` };
  }
  const segments = trimmed.split(/[\\/]+/).filter((segment) => segment && segment !== '.');
  if (segments.includes('..')) {
    return { error: `retouch.outputFolder "${trimmed}" must stay inside the workspace folder.` };
  }
  return segments;
}
