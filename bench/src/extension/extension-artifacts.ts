import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cacheDir, repoDir } from '../bench-paths.js';
import { readVsixEntries } from './vsix-entries.js';

export const extensionDir = join(repoDir, 'apps', 'vscode');
export const vsixPath = join(extensionDir, 'dist', 'retouch.vsix');

export interface ExtensionArtifacts {
  /** A copy in bench/.cache, safe from a rebuild of apps/vscode/dist while the bench runs. */
  vsix: string;
  /** The file `main` names: all that VS Code loads at activation. */
  activationFile: string;
  activationBytes: number;
  activationGzipBytes: number;
  /** Every .js file in the .vsix, by path inside it. */
  /** JavaScript loaded whatever provider is used: activation file, edit runtime, webviews. */
  javascript: { name: string; bytes: number }[];
  javascriptBytes: number;
  /** Provider chunks (`dist/provider-*.js`), each loaded only when its provider is first used. */
  providerChunks: { name: string; bytes: number }[];
  /** Chunks of rarely used paths (`dist/lazy/*.js`), each loaded only when its path is taken. */
  lazyChunks: { name: string; bytes: number }[];
  /** Code that is not JavaScript (undici's HTTP parser as .wasm), reported beside it. */
  binaries: { name: string; bytes: number }[];
  /**
   * The image codec, loaded on the first input that needs preparing and never at activation:
   * `dist/image-codec.js`, libheif's WebAssembly and sharp's native packages in dist/node_modules.
   */
  codec: { name: string; bytes: number }[];
  vsixBytes: number;
  extensionId: string;
}

/**
 * Packages the extension with its own `package` script (esbuild bundles, then `vsce package`), so
 * the sizes are those of the current source, and reads them from the .vsix itself; a reason
 * instead when the extension cannot be packaged.
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
  if (!existsSync(vsixPath) || statSync(vsixPath).mtimeMs < started - 1000) {
    return { reason: `packaging did not produce ${vsixPath}` };
  }
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    main: string;
  };
  const activationFile = join(extensionDir, manifest.main);
  const activation = readFileSync(activationFile);
  const entries = readVsixEntries(vsixPath).map((entry) => ({
    name: entry.name.replace(/^extension\//, ''),
    bytes: entry.bytes,
  }));
  const isProviderChunk = (name: string) => /^dist\/provider-[^/]+\.js$/.test(name);
  const isCodec = (name: string) =>
    /^dist\/(image-codec\.js|libheif\.wasm|node_modules\/)/.test(name) && !name.endsWith('.md');
  const isLazyChunk = (name: string) => /^dist\/lazy\/[^/]+\.js$/.test(name);
  const javascript = entries.filter(
    (entry) =>
      entry.name.endsWith('.js') &&
      !isProviderChunk(entry.name) &&
      !isLazyChunk(entry.name) &&
      !isCodec(entry.name),
  );
  const providerChunks = entries.filter((entry) => isProviderChunk(entry.name));
  const lazyChunks = entries.filter((entry) => isLazyChunk(entry.name));
  const binaries = entries.filter((entry) => entry.name.endsWith('.wasm') && !isCodec(entry.name));
  const codec = entries.filter(
    (entry) => isCodec(entry.name) && /\.(js|cjs|wasm|node|so[.\d]*|dylib|dll)$/.test(entry.name),
  );
  mkdirSync(cacheDir, { recursive: true });
  const vsix = join(cacheDir, 'retouch-bench.vsix');
  copyFileSync(vsixPath, vsix);
  return {
    vsix,
    activationFile: manifest.main.replace(/^\.\//, ''),
    activationBytes: activation.byteLength,
    activationGzipBytes: gzipSync(activation, { level: 9 }).byteLength,
    javascript,
    javascriptBytes: javascript.reduce((sum, file) => sum + file.bytes, 0),
    providerChunks,
    lazyChunks,
    binaries,
    codec,
    vsixBytes: statSync(vsixPath).size,
    extensionId: `${manifest.publisher}.${manifest.name}`,
  };
}
