import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageDir } from './paths.js';

const execFileAsync = promisify(execFile);

/**
 * Packs a test extension from `fixtures/<name>` into `packaged/fixtures/<name>.vsix` (git-ignored)
 * with vsce, the same tool that packs Retouch, so the harness installs it the same way.
 */
export async function packFixtureExtension(name: string): Promise<string> {
  const outDir = join(packageDir, 'packaged', 'fixtures');
  mkdirSync(outDir, { recursive: true });
  const vsix = join(outDir, `${name}.vsix`);
  await execFileAsync(
    join(packageDir, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: join(packageDir, 'fixtures', name), timeout: 120_000 },
  );
  return vsix;
}
