import type { InputMediaType } from '../contract/capabilities.js';

/** Types read only through the image codec: their sizes live deep in boxes or IFDs. */
export type CodecOnlyMediaType = Exclude<
  InputMediaType,
  'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif'
>;

const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const avifBrands = new Set(['avif', 'avis']);
const bmpHeaderSizes = new Set([12, 40, 52, 56, 64, 108, 124]);

/**
 * Recognises HEIC/HEIF, AVIF, TIFF and BMP from their first bytes (type only). Phones save HEIC;
 * scanners TIFF; old tools BMP. The engine converts them before sending when the model refuses them.
 */
export function sniffContainer(head: Uint8Array): CodecOnlyMediaType | undefined {
  if (head.length < 16) return undefined;
  const text = (offset: number, length: number) =>
    String.fromCharCode(...head.subarray(offset, offset + length));
  if (text(4, 4) === 'ftyp') {
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const boxEnd = Math.min(view.getUint32(0), head.length);
    const brands = [text(8, 4)];
    for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(text(offset, 4));
    if (avifBrands.has(brands[0]!)) return 'image/avif';
    if (heicBrands.has(brands[0]!)) return 'image/heic';
    if (brands.some((brand) => heicBrands.has(brand))) return 'image/heic';
    if (brands.some((brand) => avifBrands.has(brand))) return 'image/avif';
    if (brands.includes('mif1') || brands.includes('msf1')) return 'image/heif';
    return undefined;
  }
  const tiffLittle = head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0;
  const tiffBig = head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && head[3] === 0x2a;
  if (tiffLittle || tiffBig) return 'image/tiff';
  if (head[0] === 0x42 && head[1] === 0x4d && head.length >= 18) {
    const dibSize = head[14]! | (head[15]! << 8) | (head[16]! << 16) | (head[17]! << 24);
    if (bmpHeaderSizes.has(dibSize)) return 'image/bmp';
  }
  return undefined;
}
