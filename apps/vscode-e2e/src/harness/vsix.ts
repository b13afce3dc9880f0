import { existsSync } from 'node:fs';
import { packagedVsix } from './paths.js';

/** The packaged extension under test (scripts/package-extension.mjs makes it). */
export function vsixPath(): string {
  const path = process.env.RETOUCH_E2E_VSIX ?? packagedVsix;
  if (!existsSync(path)) {
    throw new Error(
      `No packaged extension at ${path}. Run \`node scripts/package-extension.mjs\` (test:e2e does).`,
    );
  }
  return path;
}
