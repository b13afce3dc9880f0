import sharp from 'sharp';

/** A white picture with a solid coloured square in the middle. */
export function squareOnWhite(
  size = 64,
  color: [number, number, number] = [200, 40, 40],
  format: 'png' | 'jpeg' | 'webp' = 'png',
): Promise<Buffer> {
  const inner = Math.floor(size / 2);
  const square = sharp({
    create: {
      width: inner,
      height: inner,
      channels: 3,
      background: { r: color[0], g: color[1], b: color[2] },
    },
  })
    .png()
    .toBuffer();
  return square.then((input) =>
    sharp({ create: { width: size, height: size, channels: 3, background: '#ffffff' } })
      .composite([{ input, left: Math.floor(inner / 2), top: Math.floor(inner / 2) }])
      [format]()
      .toBuffer(),
  );
}

export function solid(
  width: number,
  height: number,
  color: [number, number, number],
): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: color[0], g: color[1], b: color[2] } },
  })
    .png()
    .toBuffer();
}

/** A PNG mask: opaque everywhere except a transparent left half (the region to edit). */
export function leftHalfMask(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data[(y * width + x) * 4 + 3] = x < width / 2 ? 0 : 255;
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

export async function pixels(bytes: Buffer | Uint8Array) {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!] as const;
  };
  return {
    width: info.width,
    height: info.height,
    format: (await sharp(bytes).metadata()).format,
    at,
  };
}
