import { sanitizeServerText } from '@retouch/core/http';
import { type FoundRecord, readOutputRecord as readRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';

/** A result's record: in the image, in the `.retouch/` store beside it (signed), or its sidecar. */
export function readOutputRecord(path: string): Promise<FoundRecord<string> | undefined> {
  return readRecord(nodeOutputFileSystem, path);
}

/** Record fields come from files anyone may have written: no terminal control reaches the screen. */
export function sanitizeRecordText(text: string): string {
  return sanitizeServerText(text, { singleLine: true });
}
