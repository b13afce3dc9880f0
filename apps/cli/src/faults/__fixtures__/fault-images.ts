import { crc32 } from 'node:zlib';
import { createTestPng } from '@retouch/core/testing';
import sharp from 'sharp';

/** A small valid PNG: what a well-behaved server returns. */
export const wholePng = Buffer.from(createTestPng(64, 48));

function noisy(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** Images of each format, cut short or damaged the way a dropped connection or a bad proxy does. */
export async function damagedImages() {
  const jpeg = await noisy(64, 48).jpeg().toBuffer();
  const webp = await noisy(64, 48).webp().toBuffer();
  const gif = await noisy(64, 48).gif().toBuffer();
  const badCrc = Buffer.from(wholePng);
  const idat = badCrc.indexOf('IDAT');
  badCrc[idat + 6] = badCrc[idat + 6]! ^ 0xff;
  return {
    /** Signature and IHDR only: it sniffs as a 64×48 PNG but holds no pixels. */
    pngCutAfterHeader: wholePng.subarray(0, 45),
    pngBadCrc: badCrc,
    jpegWithoutEnd: jpeg.subarray(0, jpeg.length - 40),
    webpCutShort: webp.subarray(0, Math.floor(webp.length * 0.7)),
    gifWithoutTrailer: gif.subarray(0, gif.length - 1),
  };
}

/** A valid PNG padded to about `bytes` with an ancillary chunk, for download-size faults. */
export function paddedPng(bytes: number): Buffer {
  const iend = wholePng.length - 12;
  const data = Buffer.concat([
    Buffer.from('Comment\0'),
    Buffer.alloc(Math.max(0, bytes - 100), 'x'),
  ]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([wholePng.subarray(0, iend), chunk, wholePng.subarray(iend)]);
}
