import { RetouchError } from '@retouch/core';
import { describeFileError } from '../file-system/describe-file-error.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { tempName } from './temp-name.js';

export interface ProbeOptions {
  /** The request field the folder comes from, e.g. `out` or `retouch.outputFolder`. */
  field?: string;
  /** What the user can do about it, e.g. `Choose another folder with --out.` */
  advice?: string;
}

const probeBytes = new TextEncoder().encode('retouch write probe\n');

/**
 * Proves, before anything is sent and paid for, that results can be written to `folder`: creates
 * it (and its parents) if missing, then writes and deletes a small hidden file. Fails with an
 * `invalid_request` error naming the folder and the reason.
 */
export async function probeOutputFolder<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  options: ProbeOptions = {},
): Promise<void> {
  const probe = fs.child(folder, tempName('retouch-probe'));
  try {
    await fs.createFolder(folder);
    await fs.writeFile(probe, probeBytes);
  } catch (error) {
    await fs.delete(probe).catch(() => undefined);
    const reason = describeFileError(error, fs);
    throw new RetouchError({
      code: 'invalid_request',
      message: `Results cannot be written to ${fs.display(folder)}: ${reason}. Nothing was sent.${
        options.advice ? ` ${options.advice}` : ''
      }`,
      issues: [{ field: options.field ?? 'output', message: reason }],
      origin: 'output-folder',
      cause: error,
    });
  }
  await fs.delete(probe).catch(() => undefined);
}
