// Packages the built extension (run scripts/build.mjs first) as platform-specific .vsix files:
// the same JavaScript for all, plus that platform's sharp binaries in dist/node_modules/@img/.
//
//   node scripts/package-vsix.mjs                      this machine's platform → dist/retouch.vsix
//   node scripts/package-vsix.mjs --target darwin-arm64 [--target …]  → dist/retouch-<target>.vsix
//   node scripts/package-vsix.mjs --all                every target in vsix-targets.mjs
//
// Other platforms' binaries come from the npm registry (`npm pack`), checked against
// pnpm-lock.yaml, and are cached in .cache/sharp-binaries/. dist/node_modules is left holding
// this machine's platform, so the extension runs from this folder (F5) with its codec.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharpBinaries } from './sharp-binaries.mjs';
import { currentTarget, vsixTargets } from './vsix-targets.mjs';

const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(extensionDir, '../..');
const cacheDir = join(extensionDir, '.cache', 'sharp-binaries');
const modulesDir = join(extensionDir, 'dist', 'node_modules');

const args = process.argv.slice(2);
const requested = args.includes('--all')
  ? Object.keys(vsixTargets)
  : args.flatMap((arg, index) => (args[index - 1] === '--target' ? [arg] : []));
const here = currentTarget();
const targets = requested.length > 0 ? requested : [here];

if (!existsSync(join(extensionDir, 'dist', 'image-codec.js'))) {
  throw new Error('dist/image-codec.js is missing: run scripts/build.mjs first');
}

const made = [];
for (const target of targets) {
  shipBinaries(target);
  const out = join(
    extensionDir,
    'dist',
    requested.length > 0 ? `retouch-${target}.vsix` : 'retouch.vsix',
  );
  vsce(['package', '--no-dependencies', '--target', target, '-o', out]);
  made.push(`${target}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
}
if (targets.at(-1) !== here) shipBinaries(here);
console.log(`.vsix per target: ${made.join(', ')}`);

/** dist/node_modules holds the target's sharp packages and nothing else. */
function shipBinaries(target) {
  rmSync(modulesDir, { recursive: true, force: true });
  const packages = sharpBinaries(target, { extensionDir, repoDir, cacheDir });
  for (const [name, dir] of Object.entries(packages)) {
    cpSync(dir, join(modulesDir, ...name.split('/')), {
      recursive: true,
      dereference: true,
      // libvips's C headers are for building against it, not for running it.
      filter: (path) => !/[\\/]include([\\/]|$)/.test(path),
    });
  }
}

function vsce(vsceArgs) {
  const require = createRequire(join(extensionDir, 'package.json'));
  const bin = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  execFileSync(process.execPath, [bin, ...vsceArgs], { cwd: extensionDir, stdio: 'inherit' });
}
