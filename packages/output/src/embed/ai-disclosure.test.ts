import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { jpegImage, pngImage, webpImage } from '../__fixtures__/images.js';
import { embedRecord } from './embedded-record.js';
import { editedByAiSourceType } from './xmp-packet.js';

const record = JSON.stringify({ schema: 'retouch.edit/v2', prompt: 'warmer' });

/** What a third-party metadata reader (exifr, from npm) finds in a PNG's or JPEG's XMP. */
async function exifrSourceType(data: Uint8Array): Promise<unknown> {
  const parsed = await exifr.parse(Buffer.from(data), { xmp: true, mergeOutput: true });
  return parsed?.DigitalSourceType;
}

/**
 * ExifTool, which also reads WebP: the npm package's copy (exiftool-vendored.pl), run by perl, so
 * every machine that installs the dev dependencies reads the results back with it.
 */
const exiftool = createRequire(import.meta.url)('exiftool-vendored.pl') as string;

function exiftoolSourceType(data: Uint8Array, extension: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'retouch-xmp-'));
  try {
    const file = join(dir, `result.${extension}`);
    writeFileSync(file, data);
    return execFileSync('perl', [exiftool, '-s3', '-XMP-iptcExt:DigitalSourceType', file], {
      encoding: 'utf8',
    }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const formats: [string, () => Promise<Uint8Array>, string][] = [
  ['image/png', () => pngImage(), 'png'],
  ['image/jpeg', () => jpegImage(), 'jpg'],
  ['image/webp', () => webpImage('lossy'), 'webp'],
];

async function embedded(type: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const outcome = embedRecord(await make(), type, record);
  if (!outcome.embedded) throw new Error(outcome.reason);
  return outcome.data;
}

describe('AI disclosure in every unsigned result', () => {
  // exifr reads PNG and JPEG but not WebP ("Unknown file format").
  it.each(formats.slice(0, 2))(
    '%s carries IPTC DigitalSourceType in its XMP, read back by exifr',
    async (type, make) => {
      expect(await exifrSourceType(await make())).toBeUndefined();
      expect(await exifrSourceType(await embedded(type, make))).toBe(editedByAiSourceType);
    },
  );

  it.each(formats)(
    '%s carries IPTC DigitalSourceType in its XMP, read back by exiftool',
    async (type, make, extension) => {
      expect(exiftoolSourceType(await make(), extension)).toBe('');
      expect(exiftoolSourceType(await embedded(type, make), extension)).toBe(editedByAiSourceType);
    },
  );

  it('puts a PNG packet in an uncompressed iTXt chunk named XML:com.adobe.xmp, before the image data', async () => {
    const text = Buffer.from(await embedded('image/png', () => pngImage())).toString('latin1');
    const xmp = text.indexOf('iTXtXML:com.adobe.xmp\0');
    expect(xmp).toBeGreaterThan(0);
    // compression flag 0, method 0: readers that skip compressed text still find it
    expect(text.slice(xmp + 22, xmp + 24)).toBe('\0\0');
    expect(xmp).toBeLessThan(text.indexOf('IDAT'));
  });

  it('adds one disclosure however often a result is re-embedded', async () => {
    let data: Uint8Array = await jpegImage();
    for (let i = 0; i < 3; i++) data = await embedded('image/jpeg', async () => data);
    const text = Buffer.from(data).toString('utf8');
    expect(text.split('<Iptc4xmpExt:DigitalSourceType>').length - 1).toBe(1);
  });
});
