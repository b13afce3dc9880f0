// What embedding the provenance record costs in file size, for typical results: a 1024x1024
// photo-like image edited through the emulator in each output format, delivered with a record of
// the usual contents (prompt, source + mask hashes, endpoint, options, request id, usage).
// `pnpm --filter @retouch/output measure` (after a build) prints a Markdown table.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, editImage } from '@retouch/core';
import { deliverResults } from '@retouch/output';
import { hashFile, nodeOutputFileSystem } from '@retouch/output/node';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { startEmulator } from 'retouch-emulator';
import sharp from 'sharp';

/** Smooth gradients with fine noise: compresses roughly like a photograph. */
async function photoLike(size) {
  const pixels = Buffer.alloc(size * size * 3);
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed % 17) - 8;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      const sky = y < size * 0.55;
      pixels[i] = Math.max(0, Math.min(255, (sky ? 90 + y / 8 : 60 + x / 12) + noise()));
      pixels[i + 1] = Math.max(0, Math.min(255, (sky ? 140 + y / 10 : 110 + y / 9) + noise()));
      pixels[i + 2] = Math.max(0, Math.min(255, (sky ? 220 - y / 12 : 50 + x / 20) + noise()));
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

const dir = await mkdtemp(join(tmpdir(), 'retouch-measure-'));
const emulator = await startEmulator({ apiKey: 'measure-key', log: () => {} });
try {
  const source = join(dir, 'photo.png');
  await writeFile(source, await photoLike(1024));
  const mask = join(dir, 'mask.png');
  await writeFile(
    mask,
    await sharp({
      create: {
        width: 1024,
        height: 1024,
        channels: 4,
        background: { r: 0, g: 0, b: 0, alpha: 0 },
      },
    })
      .png()
      .toBuffer(),
  );
  const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
    baseURL: `${emulator.url}/v1`,
    apiKey: 'measure-key',
  });
  const rows = [];
  const cases = [
    { outputFormat: 'png', size: '1024x1024' },
    { outputFormat: 'jpeg', size: '1024x1024', outputCompression: 90 },
    { outputFormat: 'webp', size: '1024x1024', outputCompression: 90 },
    { outputFormat: 'jpeg', size: '1024x1024', outputCompression: 40 },
  ];
  for (const { outputFormat, size, outputCompression } of cases) {
    const options = { outputFormat, size, outputCompression, quality: 'high' };
    const result = await editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'Replace the sky with a dramatic sunset and keep the hills as they are',
      images: source,
      mask,
      ...options,
    });
    const folder = join(dir, `${outputFormat}-${size}`);
    const delivery = await deliverResults({
      fs: nodeOutputFileSystem,
      folder,
      sourceName: 'photo.png',
      result,
      edit: {
        editId: crypto.randomUUID(),
        tool: { name: '@retouch/cli', version: '0.1.0' },
        prompt: 'Replace the sky with a dramatic sunset and keep the hills as they are',
        baseURL: 'https://api.openai.com/v1',
        options,
        sources: [{ location: source, sha256: await hashFile(source) }],
        mask: { location: mask, sha256: await hashFile(mask) },
      },
      sidecar: true,
    });
    const [output] = delivery.outputs;
    const image = result.images[0];
    const written = (await stat(output.location)).size;
    const sidecar = (await stat(output.sidecar)).size;
    rows.push(
      `| ${outputFormat} ${size}${outputCompression ? `, compression ${outputCompression}` : ''} | ${image.data.byteLength.toLocaleString('en')} | ${written.toLocaleString('en')} | +${(written - image.data.byteLength).toLocaleString('en')} B (${(((written - image.data.byteLength) / image.data.byteLength) * 100).toFixed(2)} %) | ${sidecar.toLocaleString('en')} |`,
    );
  }
  console.log(
    '| result | as returned (bytes) | with the record (bytes) | effect | sidecar instead (bytes) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
} finally {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
}
