import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cacheDir, repoDir } from '../bench-paths.js';

export const extensionDir = join(repoDir, 'apps', 'vscode');
export const bundlePath = join(extensionDir, 'dist', 'extension.js');
export const vsixPath = join(extensionDir, 'dist', 'retouch.vsix');

export interface ExtensionArtifacts {
  /** A copy in bench/.cache, safe from a rebuild of apps/vscode/dist while the bench runs. */
  vsix: string;
  bundleBytes: number;
  bundleGzipBytes: number;
  vsixBytes: number;
  extensionId: string;
}

/**
 * Packages the extension with its own `package` script (esbuild bundle, then `vsce package`), so
 * the sizes are those of the current source, and reads them; a reason instead when the extension
 * cannot be packaged.
 */
export function packageExtension(): ExtensionArtifacts | { reason: string } {
  if (!existsSync(join(extensionDir, 'package.json'))) return { reason: 'apps/vscode is missing' };
  const started = Date.now();
  try {
    execFileSync('pnpm', ['--filter', 'retouch', 'run', 'package'], {
      cwd: repoDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').at(-1);
    return { reason: `packaging the extension failed: ${stderr ?? String(error)}` };
  }
  for (const path of [bundlePath, vsixPath]) {
    if (!existsSync(path) || statSync(path).mtimeMs < started - 1000) {
      return { reason: `packaging did not produce ${path}` };
    }
  }
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  const bundle = readFileSync(bundlePath);
  mkdirSync(cacheDir, { recursive: true });
  const vsix = join(cacheDir, 'retouch-bench.vsix');
  copyFileSync(vsixPath, vsix);
  return {
    vsix,
    bundleBytes: bundle.byteLength,
    bundleGzipBytes: gzipSync(bundle, { level: 9 }).byteLength,
    vsixBytes: statSync(vsixPath).size,
    extensionId: `${manifest.publisher}.${manifest.name}`,
  };
}
