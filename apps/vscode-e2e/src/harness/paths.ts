import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export { cacheDir, codeServerBin, node24Env } from '../../scripts/setup.mjs';

/** apps/vscode-e2e */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The repository root. */
export const repoDir = resolve(packageDir, '..', '..');
/** The extension under test. */
export const extensionDir = join(repoDir, 'apps', 'vscode');
/** Screenshots of every step, for people to look at (git-ignored). */
export const screenshotsDir = join(packageDir, 'screenshots');
/** Per-run scratch space: code-server profiles, workspaces, browser profiles (git-ignored). */
export const runsDir = join(packageDir, 'test-results');
