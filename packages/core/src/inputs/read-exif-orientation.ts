/**
 * The EXIF orientation (1–8) in a JPEG APP1 segment's payload (`Exif\0\0` then a TIFF header),
 * or undefined when absent or unreadable. Read from the file's head, so deciding whether a photo
 * needs turning costs no decoding and no codec.
 */
export function readExifOrientation(segment: Uint8Array): number | undefined {
  if (segment.length < 14) return undefined;
  if (String.fromCharCode(...segment.subarray(0, 6)) !== 'Exif\0\0') return undefined;
  const tiff = segment.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return undefined;
    if (view.getUint16(at, little) !== 0x0112) continue;
    const value = view.getUint16(at + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}
