import { createHash } from 'node:crypto';
import { sniffImage } from '@retouch/core/provider';
import { openStoreFolder, storeFolder } from '@retouch/output';
import * as vscode from 'vscode';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';

// Screen-sized copies of large images, so a Studio opens and switches candidates without decoding
// a 24-megapixel file first: at fit-to-window a 2048-pixel copy looks the same, and the page loads
// the full image only when the view is zoomed past it. The page makes them (it has the decoder),
// the extension keeps them in the store's `previews/` folder, named after the file's location,
// size and modification time, so a changed file never shows a stale copy.

/** A preview's long side, in pixels: a fitted view on a HiDPI screen. Smaller images get none. */
export const previewLongSide = 2048;
const previewFolderName = 'previews';
const previewMediaType = 'image/webp';
const maxPreviewBytes = 4 * 1024 * 1024;
/** The newest previews kept; older ones are removed as new ones are written. */
const keptPreviews = 200;

/** What the view says about one image's preview: its URI, or the key to make one under. */
export interface PreviewRef {
  preview?: string;
  previewKey?: string;
}

export function previewKey(location: vscode.Uri, stat: vscode.FileStat): string {
  return createHash('sha256')
    .update(`${location.toString()}\n${stat.size}\n${stat.mtime}`)
    .digest('hex')
    .slice(0, 40);
}

function previewLocation(root: vscode.Uri, key: string): vscode.Uri {
  return vscode.Uri.joinPath(storeFolder(fs, root), previewFolderName, `${key}.webp`);
}

async function exists(location: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(location);
    return true;
  } catch {
    return false;
  }
}

/**
 * The preview of `location` (an image of `width`×`height`) as the page should get it: the stored
 * preview's webview URI, or a key under which the page may send one; nothing for small images.
 */
export async function previewRef(
  webview: vscode.Webview,
  root: vscode.Uri,
  location: vscode.Uri,
  size: { width: number; height: number },
): Promise<PreviewRef> {
  if (Math.max(size.width, size.height) <= previewLongSide) return {};
  return storedPreview(webview, root, location);
}

/** The stored preview of `location` if there is one, else the key to make it under. */
export async function storedPreview(
  webview: vscode.Webview,
  root: vscode.Uri,
  location: vscode.Uri,
): Promise<PreviewRef> {
  try {
    const key = previewKey(location, await vscode.workspace.fs.stat(location));
    const stored = previewLocation(root, key);
    if (await exists(stored)) return { preview: webview.asWebviewUri(stored).toString() };
    return { previewKey: key };
  } catch {
    return {};
  }
}

/**
 * Keeps a preview the page made for `key` (one this Studio offered), if it is what a preview must
 * be: a WebP no larger than `previewLongSide`. The page is not trusted with anything else.
 */
export async function savePreview(
  root: vscode.Uri,
  key: string,
  data: Uint8Array,
): Promise<boolean> {
  if (!/^[0-9a-f]{40}$/.test(key) || data.byteLength > maxPreviewBytes) return false;
  const sniffed = sniffImage(data);
  if (sniffed?.mediaType !== previewMediaType) return false;
  if (Math.max(sniffed.width, sniffed.height) > previewLongSide) return false;
  const folder = await openStoreFolder(fs, root, previewFolderName);
  const target = vscode.Uri.joinPath(folder, `${key}.webp`);
  // Written aside and renamed, so a preview is never read half-written.
  const temp = vscode.Uri.joinPath(folder, `.${key}.${Date.now()}.tmp`);
  await vscode.workspace.fs.writeFile(temp, data);
  await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  void prunePreviews(folder);
  return true;
}

/** Removes the oldest previews beyond `keptPreviews` (a bounded cache, never the images). */
async function prunePreviews(folder: vscode.Uri): Promise<void> {
  try {
    const entries = (await vscode.workspace.fs.readDirectory(folder)).filter(([name]) =>
      name.endsWith('.webp'),
    );
    if (entries.length <= keptPreviews) return;
    const dated = await Promise.all(
      entries.map(async ([name]) => {
        const location = vscode.Uri.joinPath(folder, name);
        return { location, mtime: (await vscode.workspace.fs.stat(location)).mtime };
      }),
    );
    dated.sort((a, b) => a.mtime - b.mtime);
    for (const { location } of dated.slice(0, dated.length - keptPreviews)) {
      await vscode.workspace.fs.delete(location);
    }
  } catch {
    // A cache: a failed cleanup is tried again with the next preview.
  }
}
