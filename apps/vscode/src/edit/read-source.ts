import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { HistoryFile } from '../host/state/history-entry.js';

export interface SourceImage {
  uri: vscode.Uri;
  name: string;
  data: Uint8Array;
  record: HistoryFile;
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Reads an input through `workspace.fs` and pins it by SHA-256 for the history. */
export async function readSource(uri: vscode.Uri): Promise<SourceImage> {
  const data = await vscode.workspace.fs.readFile(uri);
  const name = baseName(uri);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { uri, name, data, record: { uri: uri.toString(), name, sha256 } };
}
