import * as vscode from 'vscode';
import { loadEditRuntime } from '../host/load-edit-runtime.js';
import type { RetouchServices } from '../host/services.js';

/** The Studio's editor type, as package.json contributes it (`priority: option`). */
export const studioViewType = 'retouch.studio';

/**
 * Registers the Studio with VS Code at activation. Only this stays in the activation file: the
 * Studio itself is in the edit runtime, loaded when a Studio first opens, and its page's script
 * (dist/webview/studio.js) only when the page does.
 */
export function registerStudio(services: RetouchServices): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(
    studioViewType,
    {
      openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
      resolveCustomEditor: (document, panel) =>
        loadEditRuntime(services).resolveStudio(document.uri, panel),
    },
    {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { retainContextWhenHidden: false },
    },
  );
}
