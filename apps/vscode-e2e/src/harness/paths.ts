import { join } from 'node:path';
import { packageDir } from '../../scripts/locations.mjs';

export { packageDir, packagedVsix, repoDir } from '../../scripts/locations.mjs';
export { cacheDir, codeServerBin, node24Env } from '../../scripts/setup.mjs';

/** Screenshots of every step, for people to look at (git-ignored). */
export const screenshotsDir = join(packageDir, 'screenshots');
/** Per-run scratch space: code-server profiles, workspaces, browser profiles (git-ignored). */
export const runsDir = join(packageDir, 'test-results');
