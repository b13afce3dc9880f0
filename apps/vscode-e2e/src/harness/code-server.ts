import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { codeServerBin, node24Env } from './paths.js';

const execFileAsync = promisify(execFile);

/** Settings every isolated profile starts with: no welcome page, no telemetry, no AI, no updates. */
const BASE_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // A clicked file opens in a tab of its own, not in a preview tab the next file replaces.
  'workbench.editor.enablePreview': false,
  // No sliding or fading widgets: what a test sees is where it stays.
  'workbench.reduceMotion': 'on',
};

export interface CodeServerProfile {
  /** Root of this profile: user-data, extensions, config, XDG folders, tmp. */
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Creates an isolated code-server profile under `root` with the given user settings. */
export function createProfile(
  root: string,
  userSettings: Record<string, unknown>,
): CodeServerProfile {
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const configFile = join(root, 'config.yaml');
  const xdg = join(root, 'xdg');
  const tmp = join(root, 'tmp');
  for (const dir of [join(userDataDir, 'User'), extensionsDir, xdg, tmp]) {
    mkdirSync(dir, { recursive: true });
  }
  writeUserSettings({ userDataDir }, userSettings);
  writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const env = node24Env({
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    TMPDIR: tmp,
  });
  // The suite's own environment must not leak a key into the extension host.
  for (const name of Object.keys(env)) {
    if (/^(OPENAI|RETOUCH|FAL)_/i.test(name)) delete env[name];
  }
  return { root, userDataDir, extensionsDir, configFile, env };
}

export function writeUserSettings(
  profile: Pick<CodeServerProfile, 'userDataDir'>,
  userSettings: Record<string, unknown>,
): void {
  writeFileSync(
    join(profile.userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...BASE_USER_SETTINGS, ...userSettings }, null, 2)}\n`,
  );
}

function profileArgs(profile: CodeServerProfile): string[] {
  return [
    '--config',
    profile.configFile,
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
  ];
}

/** Installs a .vsix into the profile, the way a user would with "Install from VSIX…". */
export async function installExtension(
  profile: CodeServerProfile,
  vsixPath: string,
): Promise<void> {
  const { stdout, stderr } = await execFileAsync(
    codeServerBin,
    [...profileArgs(profile), '--install-extension', vsixPath, '--force'],
    { env: profile.env, timeout: 120_000 },
  );
  if (!/successfully installed/i.test(`${stdout}${stderr}`)) {
    throw new Error(`Installing ${vsixPath} failed:\n${stdout}\n${stderr}`);
  }
}

export interface RunningCodeServer {
  readonly url: string;
  readonly profile: CodeServerProfile;
  /** What code-server printed, for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartCodeServerOptions {
  /** Leave workspace trust on, so an untrusted folder opens in Restricted Mode. */
  readonly workspaceTrust?: boolean;
}

/** Starts code-server in its own process group on a free loopback port and waits for /healthz. */
export async function startCodeServer(
  profile: CodeServerProfile,
  options: StartCodeServerOptions = {},
): Promise<RunningCodeServer> {
  const args = [
    ...profileArgs(profile),
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
  // setsid gives code-server and its helpers (extension host, file watcher) their own group,
  // so stopping kills them all instead of leaving orphans behind.
  const child = spawn('setsid', [codeServerBin, ...args], {
    env: profile.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const url = await waitForListening(child, () => output);
  await waitForHealthz(url);
  return {
    url,
    profile,
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
}

async function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(output());
    if (match?.[1]) return match[1];
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopProcessGroup(child);
  throw new Error(`code-server did not start listening within 60 s:\n${output()}`);
}

async function waitForHealthz(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
      lastError = new Error(`healthz answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server at ${url} never became healthy: ${String(lastError)}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000)),
  ]);
  if (timedOut) signalGroup('SIGKILL');
  // Helpers may outlive the parent briefly; make sure none stays.
  signalGroup('SIGKILL');
}
