/** The longest side of a preview: enough for an agent to look, small enough for its context. */
export const previewSize = 512;
/** A result this small goes as it is when no image library is installed. */
const maxUnscaledBytes = 1_000_000;

export interface Preview {
  data: string;
  mimeType: string;
}

/**
 * A small PNG of a result for MCP image content, scaled to fit `previewSize`. sharp is an
 * optional dependency: without it a small PNG/JPEG/WebP goes as it is and a large one gets none.
 */
export async function previewImage(
  data: Uint8Array,
  mediaType: string,
): Promise<Preview | undefined> {
  const sharp = await import('sharp').then((module) => module.default).catch(() => undefined);
  if (sharp) {
    const scaled = await sharp(data, { limitInputPixels: 64_000_000 })
      .resize(previewSize, previewSize, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer()
      .catch(() => undefined);
    if (scaled) return { data: scaled.toString('base64'), mimeType: 'image/png' };
  }
  if (data.byteLength > maxUnscaledBytes) return undefined;
  return { data: Buffer.from(data).toString('base64'), mimeType: mediaType };
}
