// Benchmark, not a test: prints peak memory during a 45 MB upload and per-edit client overhead on
// loopback. Run after `pnpm --filter @retouch/provider-openai-compatible... build`:
//   node --expose-gc scripts/bench.mjs
// The emulator runs in a child process so its own buffering does not count against the client.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editImage } from '@retouch/core';
import { createOpenAICompatibleProvider } from '../dist/index.js';

const apiKey = 'sk-bench-0123456789abcdef';
const edits = Number(process.env.BENCH_EDITS ?? 40);
const gc = globalThis.gc ?? (() => {});

function startEmulatorProcess() {
  const cli = join(dirname(fileURLToPath(import.meta.resolve('retouch-emulator'))), 'cli.js');
  const child = spawn(process.execPath, [cli], {
    env: { ...process.env, RETOUCH_EMULATOR_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (line) => {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') });
      else reject(new Error(`unexpected emulator output: ${line}`));
    });
  });
}

/**
 * A ~45.6 MB PNG of noise (incompressible) and a 64x64 one, written by a child process so sharp's
 * memory stays out of ours.
 */
function writeInputs(bigPath, smallPath) {
  const code = `import sharp from 'sharp'; import { randomBytes } from 'node:crypto';
    const side = 3900;
    await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
      .png({ compressionLevel: 0 }).toFile(${JSON.stringify(bigPath)});
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c83228' } })
      .png().toFile(${JSON.stringify(smallPath)});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: dirname(fileURLToPath(import.meta.url)),
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('could not write the noise PNG');
}

async function peakRssDuring(task) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakBuffers = baseline.arrayBuffers;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakBuffers = Math.max(peakBuffers, usage.arrayBuffers);
  };
  const timer = setInterval(sample, 2);
  try {
    await task();
  } finally {
    clearInterval(timer);
  }
  sample();
  return { rss: peakRss - baseline.rss, buffers: peakBuffers - baseline.arrayBuffers };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const folder = mkdtempSync(join(tmpdir(), 'retouch-bench-'));
const emulator = await startEmulatorProcess();
try {
  const bigPath = join(folder, 'noise.png');
  const smallPath = join(folder, 'small.png');
  writeInputs(bigPath, smallPath);
  const small = readFileSync(smallPath);
  const provider = createOpenAICompatibleProvider({ baseURL: `${emulator.url}/v1`, apiKey });
  const edit = (images) =>
    editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images,
      size: '1024x1024',
    });

  // Warm up connections and code paths before measuring anything.
  for (let i = 0; i < 3; i++) await edit(small);
  const streamed = await peakRssDuring(() => edit({ path: bigPath }));
  const buffered = await peakRssDuring(async () => {
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('prompt', 'make it grayscale');
    form.append('size', '1024x1024');
    form.append('image', new Blob([readFileSync(bigPath)], { type: 'image/png' }), 'noise.png');
    const response = await fetch(`${emulator.url}/v1/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: form,
    });
    await response.arrayBuffer();
  });

  const retouchTimes = [];
  const fetchTimes = [];
  for (let i = 0; i < edits; i++) {
    let started = performance.now();
    await edit(small);
    retouchTimes.push(performance.now() - started);
    started = performance.now();
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('prompt', 'make it grayscale');
    form.append('size', '1024x1024');
    form.append('image', new Blob([small], { type: 'image/png' }), 'small.png');
    const response = await fetch(`${emulator.url}/v1/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: form,
    });
    const json = await response.json();
    Buffer.from(json.data[0].b64_json, 'base64');
    fetchTimes.push(performance.now() - started);
  }

  console.log(`input: ${mb(statSync(bigPath).size)} PNG`);
  const report = (label, { rss, buffers }) =>
    console.log(`${label}: peak RSS +${mb(rss)}, peak ArrayBuffer memory +${mb(buffers)}`);
  report('editImage, streaming from disk', streamed);
  report('bare fetch + FormData, file read whole', buffered);
  console.log(
    `small edit, median of ${edits}: editImage ${median(retouchTimes).toFixed(1)} ms, bare fetch ${median(fetchTimes).toFixed(1)} ms, overhead ${(median(retouchTimes) - median(fetchTimes)).toFixed(1)} ms`,
  );
} finally {
  emulator.stop();
  rmSync(folder, { recursive: true, force: true });
}
