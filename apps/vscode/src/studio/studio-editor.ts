import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { workspaceRelative } from '../host/studio-target.js';
import { StudioPanel } from './studio-panel.js';
import { previewLongSide, storedPreview } from './studio-previews.js';
import { imageWebviewUri, sniffImageFile } from './studio-view.js';

/**
 * Opens the Studio in an editor VS Code gave us. An image outside the workspace has no store to
 * keep candidates in, so the page says that instead.
 */
export async function resolveStudioEditor(
  services: RetouchServices,
  uri: vscode.Uri,
  panel: vscode.WebviewPanel,
): Promise<void> {
  const place = workspaceRelative(uri);
  if (!place) {
    panel.webview.options = { enableScripts: false, localResourceRoots: [] };
    panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>Retouch Studio works on images inside a workspace folder, where it keeps the candidates (in a .retouch folder). Open the image's folder first.</p></body></html>`;
    return;
  }
  // The page draws the image (its preview, when there is one) as soon as it runs, while the rest
  // of the view is being built.
  const [stored, full, size] = await Promise.all([
    storedPreview(panel.webview, place.root, uri),
    imageWebviewUri(panel.webview, uri).catch(() => undefined),
    sniffImageFile(uri).catch(() => undefined),
  ]);
  const initial =
    full && size
      ? {
          uri: full,
          ...(stored.preview && Math.max(size.width, size.height) > previewLongSide
            ? { preview: stored.preview }
            : {}),
          width: size.width,
          height: size.height,
        }
      : undefined;
  const studio = new StudioPanel(
    services,
    { uri, root: place.root, chainRoot: place.relative },
    panel,
    initial,
  );
  services.log.info(`Studio opened for ${place.relative}.`);
  // The page asks for its view once its script runs ('ready').
  void studio;
}

/** Retouch: Open in Retouch Studio — the Explorer's or the editor's image, else the active one. */
export function openInStudioCommand() {
  return async (clicked?: vscode.Uri): Promise<void> => {
    const uri =
      clicked instanceof vscode.Uri
        ? clicked
        : (vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri })?.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(
        'Retouch: right-click an image in the Explorer and pick Open in Retouch Studio.',
      );
      return;
    }
    await vscode.commands.executeCommand('vscode.openWith', uri, 'retouch.studio');
  };
}
