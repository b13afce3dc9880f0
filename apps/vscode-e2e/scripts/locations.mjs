// Where the suite keeps things. Only the installed tools may be shared between clones
// (RETOUCH_E2E_CACHE_DIR); everything a run produces stays inside this package, so several
// clones can run the suite at the same time.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/vscode-e2e */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const repoDir = resolve(packageDir, '..', '..');
/** Node 24, code-server and the setup marker: read-only once set up, safe to share. */
export const cacheDir = resolve(process.env.RETOUCH_E2E_CACHE_DIR ?? join(packageDir, '.cache'));
/** This clone's packaged extension (git-ignored): never in the shared cache. */
export const packagedVsix = join(packageDir, 'packaged', 'retouch-under-test.vsix');
