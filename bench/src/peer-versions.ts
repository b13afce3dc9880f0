import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './bench-paths.js';

/** Installed version of a dependency of this package, read from its package.json. */
export function installedVersion(name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
