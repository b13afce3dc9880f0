import { randomBytes } from 'node:crypto';
import { sniffImage } from '@retouch/core/provider';
import { writeNewOutput } from '@retouch/output';
import * as vscode from 'vscode';
import { baseName } from '../edit/read-source.js';
import type { RetouchServices } from '../host/services.js';
import { outputFolderFor } from '../host/settings.js';
import { vscodeOutputFileSystem } from '../host/workspace-fs/vscode-output-file-system.js';
import { maskPainterHtml } from './mask-painter-html.js';
import type { PainterError, PainterMessage, PainterMode } from './painter-messages.js';
import { paintingFiles } from './save-painting.js';

/** What a painter session saved: `hero.mask-N.png` and/or `hero.markup-N.png`. */
export interface Painting {
  mask?: vscode.Uri;
  markup?: vscode.Uri;
}

export interface PainterOptions {
  mode: PainterMode;
  /** Markup mode: offer the mask tools too (only when the model takes a mask). */
  maskTools?: boolean;
}

/**
 * Opens the painter over `image` and resolves what the user saved (`hero.mask-N.png`,
 * `hero.markup-N.png`, in the output folder), or undefined when they close or cancel it.
 */
export async function openPainter(
  services: RetouchServices,
  image: vscode.Uri,
  options: PainterOptions,
): Promise<Painting | undefined> {
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
  const { mode } = options;
  const webviewRoot = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview');
  const panel = vscode.window.createWebviewPanel(
    'retouch.maskPainter',
    `${mode === 'markup' ? 'Markup' : 'Mask'}: ${name}`,
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(image, '..')],
    },
  );
  const { webview } = panel;
  webview.html = maskPainterHtml({
    mode,
    maskTools: options.maskTools ?? false,
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64url'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'mask-painter.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'mask-painter.css')).toString(),
    imageUri: webview.asWebviewUri(image).toString(),
    imageName: name,
    width: sniffed.width,
    height: sniffed.height,
  });
  services.log.info(
    `${mode === 'markup' ? 'Markup' : 'Mask'} painter opened for ${name} (${sniffed.width}x${sniffed.height}).`,
  );

  return new Promise((resolve) => {
    let saved: Painting | undefined;
    webview.onDidReceiveMessage(async (message: PainterMessage) => {
      if (message.type === 'cancel') {
        panel.dispose();
        return;
      }
      if (message.type !== 'save') return;
      try {
        const files = paintingFiles(message, mode, sniffed);
        const write = async (kind: 'mask' | 'markup', png: Uint8Array) => {
          const written = await writeNewOutput(vscodeOutputFileSystem, outputFolder, {
            sourceName: name,
            kind,
            extension: 'png',
            data: png,
          });
          services.log.info(`Saved ${vscode.workspace.asRelativePath(written.location, true)}.`);
          return written.location;
        };
        saved = {
          ...(files.markupPng ? { markup: await write('markup', files.markupPng) } : {}),
          ...(files.maskPng ? { mask: await write('mask', files.maskPng) } : {}),
        };
        panel.dispose();
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        services.log.warn(`${mode === 'markup' ? 'Markup' : 'Mask'} not saved: ${text}`);
        void webview.postMessage({
          type: 'error',
          message: `Not saved: ${text}.`,
        } satisfies PainterError);
      }
    });
    panel.onDidDispose(() => resolve(saved));
  });
}

/** The mask painter alone: resolves the saved mask's URI. */
export async function paintMask(
  services: RetouchServices,
  image: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  return (await openPainter(services, image, { mode: 'mask' }))?.mask;
}
