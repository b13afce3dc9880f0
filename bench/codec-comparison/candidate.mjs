// One candidate, one task, in a fresh process: prints wall, CPU, peak RSS and output bytes.
// Usage: node candidate.mjs <modules-dir> <candidate> <task> <input>
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, which, task, file] = process.argv.slice(2);
const require = createRequire(join(dir, 'package.json'));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const edge = 3840;
const quality = 88;
const t0 = performance.now();
const c0 = process.cpuUsage();
let out;
let loadMs;

if (which === 'sharp-native' || which === 'sharp-wasm32') {
  const sharp = (await load('sharp')).default;
  loadMs = performance.now() - t0;
  let input = file;
  if (task === 'heic') {
    // sharp's prebuilt libvips has no HEVC decoder: this is expected to fail.
    input = await readFile(file);
  }
  out = await sharp(input)
    .autoOrient()
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' })
    .jpeg({ quality })
    .toBuffer();
} else if (which === 'jsquash') {
  const wasm = async (p) => WebAssembly.compile(await readFile(require.resolve(p)));
  const { default: decode, init: initDec } = await load('@jsquash/jpeg/decode.js');
  const { default: encode, init: initEnc } = await load('@jsquash/jpeg/encode.js');
  const { default: resize, initResize } = await load('@jsquash/resize');
  const exifr = (await load('exifr')).default;
  await initDec(await wasm('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'));
  await initEnc(await wasm('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'));
  await initResize(await wasm('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm'));
  loadMs = performance.now() - t0;
  if (task === 'heic') throw new Error('no HEIC decoder in @jsquash');
  const bytes = await readFile(file);
  await exifr.orientation(bytes);
  const img = await decode(bytes);
  const s = edge / Math.max(img.width, img.height);
  const width = Math.round(img.width * s);
  const height = Math.round(img.height * s);
  // The rotation would be one more full pass in JavaScript; left out, which favours this one.
  const resized = await resize(img, { width, height, method: 'lanczos3' });
  out = await encode(resized, { quality });
} else if (which === 'wasm-vips') {
  const Vips = (await load('wasm-vips')).default;
  const vips = await Vips();
  loadMs = performance.now() - t0;
  const img = vips.Image.newFromFile(file).autorot();
  const scale = Math.min(1, edge / Math.max(img.width, img.height));
  out = img.resize(scale, { kernel: 'lanczos3' }).writeToBuffer('.jpg', { Q: quality });
} else if (which === 'libheif-js') {
  const decode = (await load('heic-decode')).default;
  const sharp = (await load('sharp')).default;
  loadMs = performance.now() - t0;
  const { width, height, data } = await decode({ buffer: await readFile(file) });
  out = await sharp(Buffer.from(data.buffer), { raw: { width, height, channels: 4 } })
    .removeAlpha()
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' })
    .jpeg({ quality })
    .toBuffer();
}
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    wallMs: Math.round(performance.now() - t0),
    loadMs: Math.round(loadMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    outBytes: out.length ?? out.byteLength,
  }),
);
process.exit(0);
