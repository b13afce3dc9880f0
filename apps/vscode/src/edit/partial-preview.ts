import { randomBytes } from 'node:crypto';
import type { EditProgressEvent } from '@retouch/core';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { besideColumn } from '../ui/beside-column.js';

type PartialImageEvent = Extract<EditProgressEvent, { type: 'partial-image' }>;

/**
 * Streamed partial images of one edit, shown in one tab beside the editor without taking focus:
 * a webview named after the source ("Preview of hero.png"), so no file is written and no
 * storage path or id shows in the tab or a breadcrumb. Closed when the edit fails, or once the
 * results' compares have opened in its place.
 */
export class PartialPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private count = 0;

  constructor(
    private readonly services: RetouchServices,
    private readonly sourceName: string,
  ) {}

  show(event: PartialImageEvent): void {
    try {
      this.count += 1;
      const title = `Preview of ${this.sourceName}`;
      this.panel ??= vscode.window.createWebviewPanel(
        'retouch.partialPreview',
        title,
        { viewColumn: besideColumn(), preserveFocus: true },
        { enableScripts: false, localResourceRoots: [] },
      );
      this.panel.webview.html = previewHtml({
        image: `data:${event.mediaType};base64,${Buffer.from(event.image).toString('base64')}`,
        caption: `${this.sourceName}: partial image ${this.count}, the edit is still running`,
      });
    } catch (error) {
      this.services.log.warn(`Could not show a partial image: ${String(error)}`);
    }
  }

  /** The group the preview stands in, if it was shown: the results take its place. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = undefined;
  }
}

function previewHtml(content: { image: string; caption: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const caption = content.caption.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-${nonce}';">
<style nonce="${nonce}">
  body { margin: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; min-height: 100vh; gap: 8px; }
  img { max-width: 100%; max-height: calc(100vh - 48px); object-fit: contain; }
  p { color: var(--vscode-descriptionForeground); font-size: 12px; margin: 0; }
</style>
</head>
<body><img src="${content.image}" alt="${caption}"><p>${caption}</p></body>
</html>`;
}

/** Earlier versions wrote partial images to global storage; remove what they left behind. */
export async function removeLeftoverPartialImages(services: RetouchServices): Promise<void> {
  await vscode.workspace.fs
    .delete(vscode.Uri.joinPath(services.context.globalStorageUri, 'partials'), {
      recursive: true,
      useTrash: false,
    })
    .then(undefined, () => undefined);
}
