import { randomBytes } from 'node:crypto';
import { sniffImage } from '@retouch/core';
import { writeNewOutput } from '@retouch/output';
import * as vscode from 'vscode';
import { baseName } from '../edit/read-source.js';
import { vscodeOutputFileSystem } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import { outputFolderFor } from '../settings.js';
import { encodeMaskPng, paintedPixelCount } from './encode-mask-png.js';
import { maskPainterHtml } from './mask-painter-html.js';

/** Messages the painter page sends. */
type PainterMessage =
  | { type: 'save'; width: number; height: number; coverage: string }
  | { type: 'cancel' };

/**
 * Opens the mask painter over `image` and resolves the saved mask's URI (`hero.mask-N.png`, in
 * the output folder), or undefined when the user closes or cancels it.
 */
export async function paintMask(
  services: RetouchServices,
  image: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const bytes = await vscode.workspace.fs.readFile(image);
  const sniffed = sniffImage(bytes);
  const name = baseName(image);
  if (!sniffed) {
    void vscode.window.showErrorMessage(`Retouch: ${name} is not a PNG, JPEG or WebP image.`);
    return undefined;
  }
  const outputFolder = outputFolderFor(image);
  if ('error' in outputFolder) {
    void vscode.window.showErrorMessage(`Retouch: ${outputFolder.error}`);
    return undefined;
  }
  const webviewRoot = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview');
  const panel = vscode.window.createWebviewPanel(
    'retouch.maskPainter',
    `Mask: ${name}`,
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(image, '..')],
    },
  );
  const { webview } = panel;
  webview.html = maskPainterHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64url'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'mask-painter.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'mask-painter.css')).toString(),
    imageUri: webview.asWebviewUri(image).toString(),
    imageName: name,
    width: sniffed.width,
    height: sniffed.height,
  });
  services.log.info(`Mask painter opened for ${name} (${sniffed.width}x${sniffed.height}).`);

  return new Promise((resolve) => {
    let saved: vscode.Uri | undefined;
    webview.onDidReceiveMessage(async (message: PainterMessage) => {
      if (message.type === 'cancel') {
        panel.dispose();
        return;
      }
      if (message.type !== 'save') return;
      try {
        if (message.width !== sniffed.width || message.height !== sniffed.height) {
          throw new Error(
            `the mask is ${message.width}x${message.height}, the image ${sniffed.width}x${sniffed.height}`,
          );
        }
        const coverage = new Uint8Array(Buffer.from(message.coverage, 'base64'));
        if (paintedPixelCount(coverage) === 0) throw new Error('nothing is painted yet');
        const png = encodeMaskPng(sniffed.width, sniffed.height, coverage);
        const written = await writeNewOutput(vscodeOutputFileSystem, outputFolder, {
          sourceName: name,
          kind: 'mask',
          extension: 'png',
          data: png,
        });
        saved = written.location;
        services.log.info(`Saved mask ${vscode.workspace.asRelativePath(written.location, true)}.`);
        panel.dispose();
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        services.log.warn(`Mask not saved: ${text}`);
        void webview.postMessage({ type: 'error', message: `Not saved: ${text}.` });
      }
    });
    panel.onDidDispose(() => resolve(saved));
  });
}
