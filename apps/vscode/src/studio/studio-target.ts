import {
  type CandidateSource,
  openStoreFolder,
  readStoredEdit,
  storeFolderName,
} from '@retouch/output';
import * as vscode from 'vscode';
import { vscodeOutputFileSystem as fs } from '../output/vscode-output-file-system.js';

/** Where an edit's results go as candidates, and which image's Studio lists them. */
export interface StudioTarget {
  /** The workspace folder the store is in. */
  root: vscode.Uri;
  /** The image the chain of edits started from, relative to `root`, `/`-separated. */
  chainRoot: string;
  source: CandidateSource;
}

/** A `StudioTarget` as workspace state keeps it (the root as a URI string). */
export type StoredStudioTarget = Omit<StudioTarget, 'root'> & { root: string };

export function storedStudioTarget(target: StudioTarget): StoredStudioTarget {
  return { ...target, root: target.root.toString() };
}

export function restoredStudioTarget(stored: StoredStudioTarget): StudioTarget {
  return { ...stored, root: vscode.Uri.parse(stored.root) };
}

/** `retouch.results`: candidates in the Studio (default), or files beside the image as before. */
export function resultsGoTo(scope?: vscode.Uri): 'studio' | 'beside' {
  return vscode.workspace.getConfiguration('retouch', scope).get<string>('results') === 'beside'
    ? 'beside'
    : 'studio';
}

/** `retouch.studio.keepDiscarded`: how many discarded candidates keep their files. */
export function keepDiscardedCount(): number {
  const value = vscode.workspace.getConfiguration('retouch').get<number>('studio.keepDiscarded');
  return typeof value === 'number' && value >= 0 ? value : 50;
}

/** The image's path from the workspace folder, or undefined outside any workspace folder. */
export function workspaceRelative(
  uri: vscode.Uri,
): { root: vscode.Uri; relative: string } | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const relative = fs.relative(folder.uri, uri);
  if (!relative || relative.startsWith('..')) return undefined;
  return { root: folder.uri, relative };
}

/**
 * Where the results of an edit of `source` go in Studio mode: the store of its workspace folder.
 * A candidate in the store (a Refine, or a re-run of one) continues its chain. Undefined outside
 * a workspace folder, where results go beside the image as before.
 */
export async function studioTargetFor(
  source: vscode.Uri,
  sha256: string,
): Promise<StudioTarget | undefined> {
  const place = workspaceRelative(source);
  if (!place) return undefined;
  const segments = place.relative.split('/');
  if (segments[0] === storeFolderName) {
    if (segments[1] !== 'candidates' || segments.length !== 4) return undefined;
    const edit = await readStoredEdit(fs, place.root, segments[2]!);
    const candidate = edit?.candidates.find((entry) => entry.file === segments[3]);
    if (!edit || !candidate) return undefined;
    return {
      root: place.root,
      chainRoot: edit.manifest.root,
      source: { candidate: { editId: edit.manifest.editId, index: candidate.index }, sha256 },
    };
  }
  return { root: place.root, chainRoot: place.relative, source: { file: place.relative, sha256 } };
}

/**
 * Where the painter keeps a mask or marked-up copy in Studio mode: `.retouch/painted/` of the
 * image's workspace folder. Undefined in `beside` mode or outside a workspace folder.
 */
export async function paintingFolder(image: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (resultsGoTo(image) !== 'studio') return undefined;
  const place = workspaceRelative(image);
  return place ? openStoreFolder(fs, place.root, 'painted') : undefined;
}
