// The platforms a .vsix is built for, and the packages of sharp's native half each one needs.

/**
 * VS Code's `--target` names (every desktop and server platform it publishes for) and sharp's
 * platform package for each. Each @img/sharp-<platform> package names its libvips package (all but
 * Windows, whose package holds libvips's DLLs itself) as its one optional dependency.
 */
export const vsixTargets = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-armhf': 'linux-arm',
  'alpine-x64': 'linuxmusl-x64',
  'alpine-arm64': 'linuxmusl-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};

/** The target of the machine running this, as VS Code names it (Alpine is musl Linux). */
export function currentTarget() {
  const arch = process.arch === 'arm' ? 'armhf' : process.arch;
  const os = process.platform === 'linux' && !glibc() ? 'alpine' : process.platform;
  const target = `${os}-${arch}`;
  if (!(target in vsixTargets)) {
    throw new Error(`no .vsix target for ${target}; known: ${Object.keys(vsixTargets).join(', ')}`);
  }
  return target;
}

/** Node reports the glibc it runs on; on musl there is none. */
function glibc() {
  return Boolean(process.report?.getReport().header.glibcVersionRuntime);
}
