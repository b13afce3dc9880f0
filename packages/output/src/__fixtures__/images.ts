import sharp from 'sharp';

/** A small image with a gradient and some alpha, so a changed pixel would show. */
export function gradientPixels(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) * 7) % 256;
      pixels[i + 3] = 128 + ((x * 3) % 128);
    }
  }
  return pixels;
}

function gradient(width = 48, height = 32, alpha = true) {
  const image = sharp(gradientPixels(width, height), { raw: { width, height, channels: 4 } });
  return alpha ? image : image.removeAlpha();
}

export async function pngImage(): Promise<Uint8Array> {
  return new Uint8Array(await gradient().png().toBuffer());
}

export async function jpegImage(
  options: { exif?: boolean; xmp?: string } = {},
): Promise<Uint8Array> {
  let image = gradient(48, 32, false).jpeg({ quality: 80 });
  if (options.exif) image = image.withExif({ IFD0: { Copyright: 'Retouch tests' } });
  if (options.xmp) image = image.withXmp(options.xmp);
  return new Uint8Array(await image.toBuffer());
}

export async function webpImage(
  kind: 'lossy' | 'lossless-alpha' | 'lossy-alpha',
): Promise<Uint8Array> {
  const image = gradient(48, 32, kind !== 'lossy');
  return new Uint8Array(
    await image.webp(kind === 'lossless-alpha' ? { lossless: true } : { quality: 80 }).toBuffer(),
  );
}

export async function gifImage(): Promise<Uint8Array> {
  return new Uint8Array(await gradient(8, 8, false).gif().toBuffer());
}

/** Decoded RGBA pixels: what every viewer shows. */
export async function decodedPixels(data: Uint8Array): Promise<Buffer> {
  return sharp(data).ensureAlpha().raw().toBuffer();
}
