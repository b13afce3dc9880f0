import type * as vscode from 'vscode';

/** An open Studio, as the code that runs edits sees it. */
export interface OpenStudio {
  /** The image it shows: its workspace folder and path from there. */
  root: vscode.Uri;
  chainRoot: string;
  refresh(): Promise<void>;
}

const open = new Set<OpenStudio>();

/** Studios open on one image (usually one; a split editor shows two). */
export function studiosOf(root: vscode.Uri, chainRoot: string): OpenStudio[] {
  return [...open].filter(
    (studio) => studio.root.toString() === root.toString() && studio.chainRoot === chainRoot,
  );
}

export function addStudio(studio: OpenStudio): vscode.Disposable {
  open.add(studio);
  return { dispose: () => open.delete(studio) };
}

/** Every open Studio: after Undo Replace, the image they show may have changed. */
export function allStudios(): OpenStudio[] {
  return [...open];
}
