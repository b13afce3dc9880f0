import { type FoundRecord, groupEdits, parseResultName, readOutputRecord } from '@retouch/output';
import * as vscode from 'vscode';
import { type HistoryEntry, historyEntryFromRecords } from '../host/state/history-entry.js';
import { vscodeOutputFileSystem } from '../host/workspace-fs/vscode-output-file-system.js';

const resultGlob = '**/*.retouch-*.{png,jpg,jpeg,webp,gif,PNG,JPG,JPEG,WEBP,GIF}';
/** More result files than this in one workspace are not all looked at: the newest are. */
const maxCandidates = 5000;

async function modifiedAt(uri: vscode.Uri): Promise<number> {
  try {
    return (await vscode.workspace.fs.stat(uri)).mtime;
  } catch {
    return 0;
  }
}

/**
 * Edits found in the workspace's files, newest first: results are found by their
 * `*.retouch-N.*` names, and each one's record is read from the image itself (or its sidecar).
 * So edits made by the CLI, or in another window, show up too. Reads the newest `limit` results.
 * A workspace without file search (some virtual ones) has none.
 */
export async function discoverHistory(limit: number): Promise<HistoryEntry[]> {
  let candidates: vscode.Uri[];
  try {
    candidates = await vscode.workspace.findFiles(resultGlob, '**/node_modules/**', maxCandidates);
  } catch {
    return [];
  }
  const results = candidates.filter((uri) => parseResultName(uri.path.split('/').pop() ?? ''));
  const dated = await Promise.all(
    results.map(async (uri) => ({ uri, mtime: await modifiedAt(uri) })),
  );
  const newest = dated.sort((a, b) => b.mtime - a.mtime).slice(0, Math.max(1, limit));
  const found: FoundRecord<vscode.Uri>[] = [];
  for (const { uri } of newest) {
    const record = await readOutputRecord(vscodeOutputFileSystem, uri);
    if (record) found.push(record);
  }
  return groupEdits(vscodeOutputFileSystem, found).map(historyEntryFromRecords);
}
