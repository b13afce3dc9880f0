import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, nodeOutputFileSystem } from '@retouch/output/node';
import { createSession, type Session } from '@retouch/session';
import { cliVersion } from '../cli-version.js';

/** Results that cannot be written where asked go here, so a paid result is never lost. */
export function rescueFolder(): string {
  return join(tmpdir(), 'retouch-rescued');
}

/**
 * The edit session over the local disk: sources are streamed by the engine from their paths and
 * hashed from disk, and a folder that cannot take results points at `--out`.
 */
export function cliSession(options: {
  secrets: readonly string[];
  sidecar?: boolean;
}): Session<string> {
  return createSession({
    fs: nodeOutputFileSystem,
    tool: { name: '@retouch/cli', version: cliVersion },
    rescueFolder: rescueFolder(),
    secrets: options.secrets,
    sidecar: options.sidecar === true,
    imageInput: (path) => path,
    sha256: hashFile,
    folderAdvice: (named) => ({
      field: 'out',
      advice: named
        ? 'Choose a folder you can write to with --out <dir>.'
        : 'Write the results to another folder with --out <dir>.',
    }),
  });
}
