import {
  type CandidateSource,
  openStoreFolder,
  readStoredEdit,
  storeFolderName,
} from '@retouch/output';
import type { CandidatesSink } from '@retouch/session';
import * as vscode from 'vscode';
import { resultsGoTo } from './settings.js';
import { vscodeOutputFileSystem as fs } from './workspace-fs/vscode-output-file-system.js';

/** Where an edit's results go as candidates, and which image's Studio lists them. */
export interface StudioTarget {
  /** The workspace folder the store is in. */
  root: vscode.Uri;
  /** The image the chain of edits started from, relative to `root`, `/`-separated. */
  chainRoot: string;
  source: CandidateSource;
}

/** A `StudioTarget` as a pending job keeps it in workspace state (the root as a URI string). */
export function restoredStudioTarget(stored: CandidatesSink<string>): StudioTarget {
  return { ...stored, root: vscode.Uri.parse(stored.root) };
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

/**
 * Where an edit's results go: the store of the first source's workspace folder in Studio mode
 * (`retouch.results`), or undefined for beside the image (that setting, or an image outside the
 * workspace).
 */
export async function studioTargetOf(
  plan: { studio?: boolean },
  first: { uri: vscode.Uri; record: { sha256: string } },
): Promise<StudioTarget | undefined> {
  if (!plan.studio && resultsGoTo(first.uri) !== 'studio') return undefined;
  return studioTargetFor(first.uri, first.record.sha256);
}

/** The store's candidates folder, created (with the store's .gitignore) if missing. */
export function candidatesFolder(target: StudioTarget): Promise<vscode.Uri> {
  return openStoreFolder(fs, target.root, 'candidates');
}
