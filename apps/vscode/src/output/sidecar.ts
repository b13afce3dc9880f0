import { posix } from 'node:path';
import type { EditRecord, RecordedFile, RecordedOutput } from '../history/edit-record.js';

/** `[redacted]` for every occurrence of a secret, as @retouch/core does for its errors. */
function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function relativeTo(folderUri: string, fileUri: string): string {
  const folder = new URL(folderUri.endsWith('/') ? folderUri : `${folderUri}/`);
  const file = new URL(fileUri);
  if (folder.protocol !== file.protocol || folder.host !== file.host) return fileUri;
  return decodeURIComponent(posix.relative(folder.pathname, file.pathname));
}

function describeFile(folderUri: string, file: RecordedFile) {
  return { path: relativeTo(folderUri, file.uri), sha256: file.sha256 };
}

/**
 * The JSON written beside one result (`hero.retouch-1.png.json`): how it was made, with paths
 * relative to the sidecar so the record survives moving the folder. Built from an allow-list of
 * fields, then scrubbed of the known secrets as a second guard.
 */
export function sidecarJson(
  record: EditRecord,
  output: RecordedOutput,
  folderUri: string,
  secrets: readonly (string | undefined)[],
): string {
  const sidecar = {
    tool: 'retouch',
    version: record.version,
    createdAt: record.createdAt,
    prompt: record.prompt,
    revisedPrompt: record.revisedPrompt,
    provider: record.provider,
    model: record.model,
    options: { ...record.options },
    sources: record.sources.map((source) => describeFile(folderUri, source)),
    mask: record.mask ? describeFile(folderUri, record.mask) : undefined,
    result: {
      path: relativeTo(folderUri, output.uri),
      mediaType: output.mediaType,
      width: output.width,
      height: output.height,
    },
    requestId: record.requestId,
    warnings: record.warnings.length > 0 ? record.warnings : undefined,
  };
  return `${redact(JSON.stringify(sidecar, null, 2), secrets)}\n`;
}
