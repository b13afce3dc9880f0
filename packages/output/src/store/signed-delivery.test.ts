import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pngImage } from '../__fixtures__/images.js';
import { deliverResults } from '../deliver/deliver-results.js';
import { nodeOutputFileSystem as fs } from '../file-system/node-output-file-system.js';
import { readOutputRecord } from '../read/read-output-record.js';

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ signOutputs: true, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-signed-'));
  await writeFile(join(dir, 'photo.png'), await pngImage());
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A result exactly as the emulator signed and sent it. */
async function signedResult(format: 'png' | 'jpeg' | 'webp'): Promise<Uint8Array> {
  const body = new FormData();
  body.append('model', 'gpt-image-2');
  body.append('prompt', 'invert');
  body.append('output_format', format);
  body.append(
    'image',
    new Blob([new Uint8Array(await pngImage())], { type: 'image/png' }),
    'p.png',
  );
  const res = await fetch(`${emulator.url}/v1/images/edits`, { method: 'POST', body });
  const json = (await res.json()) as { data: Array<{ b64_json: string }> };
  return new Uint8Array(Buffer.from(json.data[0]!.b64_json, 'base64'));
}

function deliver(data: Uint8Array, mediaType: string, sidecar = false) {
  return deliverResults({
    fs,
    folder: dir,
    sourceName: 'photo.png',
    sidecar,
    result: {
      provider: 'openai-compatible',
      model: 'gpt-image-2',
      images: [{ data, mediaType: mediaType as 'image/png', width: 48, height: 32 }],
      calls: [{ requestId: 'req_signed' }],
      warnings: [],
    },
    edit: {
      editId: 'edit-signed',
      tool: { name: '@retouch/cli', version: '1.0.0' },
      prompt: 'invert',
      options: { n: 1 },
      sources: [{ location: join(dir, 'photo.png'), sha256: 'ab'.repeat(32) }],
    },
  });
}

describe('a provider-signed result', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
  ] as const)(
    '(%s) is written byte for byte as sent, its record hidden in .retouch/',
    async (format, type) => {
      const sent = await signedResult(format);
      const delivery = await deliver(sent, type);
      const [output] = delivery.outputs;
      expect(output?.recordIn).toBe('store');
      expect(new Uint8Array(await readFile(output!.location))).toEqual(sent);
      // Nothing visible beside the result: only the source, the result and the hidden store.
      expect((await readdir(dir)).sort()).toEqual(['.retouch', 'photo.png', output!.name].sort());
      expect(await readFile(join(dir, '.retouch', '.gitignore'), 'utf8')).toBe('*\n');
      const hash = createHash('sha256').update(sent).digest('hex');
      expect(await readdir(join(dir, '.retouch', 'records'))).toEqual([`${hash}.json`]);
      expect(delivery.notes).toEqual([]);

      const found = await readOutputRecord(fs, output!.location);
      expect(found).toMatchObject({
        from: 'store',
        record: { prompt: 'invert', editId: 'edit-signed' },
      });
    },
  );

  it('also gets a sidecar when one is asked for', async () => {
    const delivery = await deliver(await signedResult('png'), 'image/png', true);
    expect(delivery.outputs[0]?.recordIn).toBe('store+sidecar');
    expect((await readdir(dir)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });

  it('has no record once its bytes change: the hash names the exact file', async () => {
    const delivery = await deliver(await signedResult('png'), 'image/png');
    const location = delivery.outputs[0]!.location;
    const bytes = await readFile(location);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 0xff, bytes.length - 20);
    await writeFile(location, bytes);
    expect(await readOutputRecord(fs, location)).toBeUndefined();
  });
});
