import { encodePngChunk } from '@retouch/core/provider';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodedPixels, gifImage, jpegImage, pngImage, webpImage } from '../__fixtures__/images.js';
import { embedRecord, readEmbeddedRecord } from './embedded-record.js';
import { pngRecordKeyword } from './png-record.js';

const record = JSON.stringify({
  schema: 'retouch.edit/v2',
  prompt: 'make it <sepia> & "warm" — ünïcödé ✓',
  nested: { list: [1, 2, 3] },
});

function embedded(data: Uint8Array, mediaType: string, json = record): Uint8Array {
  const outcome = embedRecord(data, mediaType, json);
  if (!outcome.embedded) throw new Error(`not embedded: ${outcome.reason}`);
  return outcome.data;
}

describe('embedRecord: PNG iTXt', () => {
  it('keeps every pixel, and sharp sees the record as a PNG text chunk', async () => {
    const png = await pngImage();
    const withRecord = embedded(png, 'image/png');
    expect(await decodedPixels(withRecord)).toEqual(await decodedPixels(png));
    const comments = (await sharp(withRecord).metadata()).comments ?? [];
    expect(comments).toContainEqual({ keyword: pngRecordKeyword, text: record });
    expect(readEmbeddedRecord(withRecord)).toBe(record);
  });

  it('puts the record right after IHDR, so the first bytes of the file are enough to read it', async () => {
    const withRecord = embedded(await pngImage(), 'image/png');
    const afterIhdr = 8 + 12 + 13;
    expect(new TextDecoder().decode(withRecord.subarray(afterIhdr + 4, afterIhdr + 8))).toBe(
      'iTXt',
    );
    const head = withRecord.subarray(0, afterIhdr + 12 + record.length + 40);
    expect(readEmbeddedRecord(head)).toBe(record);
  });

  it('adds exactly one chunk of the record and replaces an older record instead of stacking', async () => {
    const png = await pngImage();
    const once = embedded(png, 'image/png', '{"first":true}');
    const twice = embedded(once, 'image/png');
    expect(readEmbeddedRecord(twice)).toBe(record);
    const overhead = 12 + pngRecordKeyword.length + 5;
    expect(twice.length - png.length).toBe(overhead + new TextEncoder().encode(record).length);
  });

  it('leaves an image with Content Credentials (a caBX chunk) byte for byte alone', async () => {
    const png = await pngImage();
    const cabx = encodePngChunk('caBX', new TextEncoder().encode('jumb'));
    const signed = new Uint8Array([...png.subarray(0, 33), ...cabx, ...png.subarray(33)]);
    const outcome = embedRecord(signed, 'image/png', record);
    expect(outcome).toMatchObject({ embedded: false, reason: expect.stringMatching(/C2PA/) });
  });

  it('refuses a truncated PNG rather than writing a broken one', async () => {
    const png = await pngImage();
    expect(embedRecord(png.subarray(0, png.length - 20), 'image/png', record).embedded).toBe(false);
  });
});

describe('embedRecord: JPEG XMP', () => {
  it('keeps the compressed data byte for byte, and sharp reads the XMP', async () => {
    const jpeg = await jpegImage();
    const withRecord = embedded(jpeg, 'image/jpeg');
    // Not re-encoded: the scan data is the same bytes, so the decoded pixels are too.
    const scan = (bytes: Uint8Array) =>
      Buffer.from(bytes).subarray(Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xda])));
    expect(scan(withRecord).equals(scan(jpeg))).toBe(true);
    expect(await decodedPixels(withRecord)).toEqual(await decodedPixels(jpeg));
    const meta = await sharp(withRecord).metadata();
    expect(meta.xmpAsString).toContain('<retouch:record>');
    expect(readEmbeddedRecord(withRecord)).toBe(record);
  });

  it('goes after JFIF and Exif, keeping the Exif readable', async () => {
    const jpeg = await jpegImage({ exif: true });
    const withRecord = embedded(jpeg, 'image/jpeg');
    const meta = await sharp(withRecord).metadata();
    expect(meta.exif?.toString('latin1')).toContain('Retouch tests');
    const exifAt = Buffer.from(withRecord).indexOf('Exif\0\0');
    const xmpAt = Buffer.from(withRecord).indexOf('http://ns.adobe.com/xap/1.0/');
    expect(exifAt).toBeGreaterThan(0);
    expect(xmpAt).toBeGreaterThan(exifAt);
    expect(readEmbeddedRecord(withRecord)).toBe(record);
  });

  it("adds the record to an XMP packet another tool wrote, keeping that tool's data", async () => {
    const theirs =
      '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Someone</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
    const jpeg = await jpegImage({ xmp: theirs });
    const withRecord = embedded(embedded(jpeg, 'image/jpeg', '{"old":1}'), 'image/jpeg');
    const xmp = (await sharp(withRecord).metadata()).xmpAsString ?? '';
    expect(xmp).toContain('<dc:creator>Someone</dc:creator>');
    expect(xmp.match(/<retouch:record>/g)).toHaveLength(1);
    expect(readEmbeddedRecord(withRecord)).toBe(record);
  });

  it('keeps the record out of an image it would not fit in one segment, instead of splitting it', async () => {
    const jpeg = await jpegImage();
    expect(embedRecord(jpeg, 'image/jpeg', 'x'.repeat(70_000)).embedded).toBe(false);
  });
});

describe('embedRecord: WebP XMP', () => {
  for (const kind of ['lossy', 'lossless-alpha', 'lossy-alpha'] as const) {
    it(`turns a ${kind} WebP into the extended format with an XMP chunk, pixels and alpha kept`, async () => {
      const webp = await webpImage(kind);
      const withRecord = embedded(webp, 'image/webp');
      expect(new TextDecoder().decode(withRecord.subarray(12, 16))).toBe('VP8X');
      const before = await sharp(webp).metadata();
      const after = await sharp(withRecord).metadata();
      expect([after.width, after.height, after.hasAlpha]).toEqual([
        before.width,
        before.height,
        before.hasAlpha,
      ]);
      expect(await decodedPixels(withRecord)).toEqual(await decodedPixels(webp));
      expect(after.xmpAsString).toContain('<retouch:record>');
      expect(readEmbeddedRecord(withRecord)).toBe(record);
      // The RIFF size covers the whole file.
      expect(new DataView(withRecord.buffer).getUint32(4, true)).toBe(withRecord.length - 8);
    });
  }

  it('replaces its own record when a WebP passes through twice', async () => {
    const once = embedded(await webpImage('lossy'), 'image/webp', '{"first":1}');
    const twice = embedded(once, 'image/webp');
    expect(readEmbeddedRecord(twice)).toBe(record);
    expect((await sharp(twice).metadata()).xmpAsString?.match(/<retouch:record>/g)).toHaveLength(1);
  });
});

describe('embedRecord: anything else', () => {
  it('says why a GIF, or bytes that are not the named type, cannot carry it', async () => {
    expect(embedRecord(await gifImage(), 'image/gif', record)).toMatchObject({
      embedded: false,
      reason: expect.stringMatching(/image\/gif/),
    });
    expect(embedRecord(await pngImage(), 'image/jpeg', record).embedded).toBe(false);
    expect(readEmbeddedRecord(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});
