import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { form, useEmulator } from '../test-support/emulator.js';
import { squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();

async function edit(format: 'png' | 'jpeg' | 'webp', model = 'gpt-image-2') {
  const res = await fetch(`${emulator().url}/v1/images/edits`, {
    method: 'POST',
    body: form({ model, prompt: 'invert', image: await squareOnWhite(64), output_format: format }),
  });
  expect(res.status).toBe(200);
  return Buffer.from((await res.json()).data[0].b64_json, 'base64');
}

/** Where each format keeps Content Credentials, found the way a C2PA reader looks for them. */
function manifestIn(bytes: Buffer): string | undefined {
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') {
    for (let at = 8; at + 12 <= bytes.length; ) {
      const length = bytes.readUInt32BE(at);
      if (bytes.toString('latin1', at + 4, at + 8) === 'caBX') {
        return bytes.subarray(at + 8, at + 8 + length).toString('latin1');
      }
      at += 12 + length;
    }
    return undefined;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; bytes[at] === 0xff && bytes[at + 1] !== 0xda; ) {
      const length = bytes.readUInt16BE(at + 2);
      if (bytes[at + 1] === 0xeb) return bytes.subarray(at + 4, at + 2 + length).toString('latin1');
      at += 2 + length;
    }
    return undefined;
  }
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32LE(at + 4);
    if (bytes.toString('latin1', at, at + 4) === 'C2PA') {
      return bytes.subarray(at + 8, at + 8 + size).toString('latin1');
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}

describe('signed outputs', () => {
  it('are unsigned unless asked', async () => {
    expect(manifestIn(await edit('png'))).toBeUndefined();
  });

  it.each(['png', 'jpeg', 'webp'] as const)(
    'carry a C2PA manifest store in %s where readers look, and still decode',
    async (format) => {
      emulator().setFaults([{ route: 'images.edits', sign: true }]);
      const signed = await edit(format);
      const manifest = manifestIn(signed);
      expect(manifest).toContain('jumb');
      expect(manifest).toContain('c2pa');
      expect(manifest).toContain('compositeWithTrainedAlgorithmicMedia');
      const { width, height } = await sharp(signed).metadata();
      // gpt-image-2 answers `auto` near 1.5 megapixels at the input's aspect ratio.
      expect([width, height]).toEqual([1248, 1248]);
      expect(emulator().requests.at(-1)?.edit?.signed).toBe(true);
    },
  );

  it('can be switched on for one request through the admin endpoint', async () => {
    await fetch(`${emulator().url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'images.edits', sign: true, times: 1 }),
    });
    expect(manifestIn(await edit('png'))).toContain('c2pa');
    expect(manifestIn(await edit('png'))).toBeUndefined();
  });
});
