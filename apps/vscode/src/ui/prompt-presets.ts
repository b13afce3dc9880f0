import { type ListedPreset, listPresets, parseUserPresets } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchLog } from '../host/log.js';
import { presetSettingEntries } from '../host/settings.js';

/** Problems already shown, so a broken preset is pointed out once per session, not per edit. */
const reported = new Set<string>();

/**
 * The presets the prompt step offers: the user's own from `retouch.presets` (a trusted
 * workspace's first), then the built-in ones. A preset that does not check out is left out, and
 * the user is told which and why.
 */
export function configuredPresets(log: RetouchLog, scope?: vscode.Uri): ListedPreset[] {
  const { presets, problems } = parseUserPresets(presetSettingEntries(scope));
  const fresh = problems.filter((problem) => !reported.has(problem));
  for (const problem of fresh) {
    reported.add(problem);
    log.warn(`retouch.presets: ${problem}.`);
  }
  if (fresh.length > 0) {
    void vscode.window
      .showWarningMessage(
        `Retouch: ${fresh.length === 1 ? 'a preset in retouch.presets was' : `${fresh.length} presets in retouch.presets were`} left out: ${fresh.join('; ')}.`,
        'Open Settings',
      )
      .then((action) => {
        if (action) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'retouch.presets');
        }
      });
  }
  return listPresets(presets);
}
