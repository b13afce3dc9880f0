// sharp's native half for one .vsix target: the @img/sharp-<platform> package and its libvips
// package, from this install (the machine's own platform) or else from the npm registry, checked
// against the integrity pnpm-lock.yaml records for that exact version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { codecEntry } from './image-codec-chunk.mjs';
import { currentTarget, vsixTargets } from './vsix-targets.mjs';

/**
 * The folders of the packages to ship for `target`, by package name: the one sharp's bundled
 * JavaScript requires (`@img/sharp-<platform>/sharp.node`), and the libvips it links against.
 */
export function sharpBinaries(target, { extensionDir, repoDir, cacheDir }) {
  const platform = vsixTargets[target];
  if (!platform) throw new Error(`unknown .vsix target ${target}`);
  const sharpDir = installedSharpDir(extensionDir);
  const sharp = readJson(join(sharpDir, 'package.json'));
  const name = `@img/sharp-${platform}`;
  const version = sharp.optionalDependencies?.[name];
  if (!version) throw new Error(`sharp ${sharp.version} has no prebuilt package for ${platform}`);
  const found = {};
  const take = (dir) => {
    const pkg = readJson(join(dir, 'package.json'));
    found[pkg.name] = dir;
    for (const [dep, depVersion] of Object.entries(pkg.optionalDependencies ?? {})) {
      if (dep.startsWith('@img/sharp-libvips-')) take(locate(dep, depVersion, dir));
    }
  };
  const locate = (pkgName, pkgVersion, from) =>
    target === currentTarget()
      ? installedDir(pkgName, pkgVersion, from)
      : fetchedDir(pkgName, pkgVersion, { repoDir, cacheDir });
  take(locate(name, version, sharpDir));
  return found;
}

/** The sharp that dist/image-codec.js bundles: the one core's codec module resolves. */
function installedSharpDir(extensionDir) {
  // sharp exports no package.json: its main file is dist/index.cjs.
  const dir = dirname(dirname(createRequire(codecEntry(extensionDir)).resolve('sharp')));
  if (readJson(join(dir, 'package.json')).name !== 'sharp') throw new Error(`no sharp in ${dir}`);
  return dir;
}

function installedDir(name, version, from) {
  const require = createRequire(join(from, 'package.json'));
  const dir = dirname(require.resolve(`${name}/package`));
  const installed = readJson(join(dir, 'package.json')).version;
  if (installed !== version)
    throw new Error(`${name} ${installed} is installed; ${version} is needed`);
  return dir;
}

/** `npm pack` into the cache (once per version), the tarball checked against the lockfile. */
function fetchedDir(name, version, { repoDir, cacheDir }) {
  const dir = join(cacheDir, `${name.replace('/', '+')}@${version}`);
  if (existsSync(join(dir, 'package.json'))) return dir;
  const expected = lockedIntegrity(name, version, repoDir);
  const downloads = join(cacheDir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const [packed] = JSON.parse(
    execFileSync(
      'npm',
      ['pack', `${name}@${version}`, '--json', '--ignore-scripts', '--pack-destination', downloads],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        shell: process.platform === 'win32',
      },
    ),
  );
  if (packed.integrity !== expected) {
    throw new Error(
      `${name}@${version} from the registry has integrity ${packed.integrity}; pnpm-lock.yaml says ${expected}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(downloads, packed.filename),
    '-C',
    dir,
    '--strip-components=1',
  ]);
  return dir;
}

/** The integrity pnpm-lock.yaml records for name@version (every platform's, not only ours). */
function lockedIntegrity(name, version, repoDir) {
  const lock = readFileSync(join(repoDir, 'pnpm-lock.yaml'), 'utf8');
  const key = `'${name}@${version}':`;
  const at = lock.indexOf(`\n  ${key}\n`);
  const integrity =
    at < 0 ? undefined : /integrity: (sha512-[^,}\s]+)/.exec(lock.slice(at, at + 400));
  if (!integrity) throw new Error(`pnpm-lock.yaml records no integrity for ${name}@${version}`);
  return integrity[1];
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
