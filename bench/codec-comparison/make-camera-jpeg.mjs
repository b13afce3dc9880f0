// A camera-like 24 MP JPEG: smooth structure plus sensor grain, quality 92, EXIF orientation 6
// (the camera held upright), the way a 24 MP camera writes 8–10 MB files.
//   node make-camera-jpeg.mjs <dir with sharp installed> <out.jpg>
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [dir, out] = process.argv.slice(2);
const sharp = createRequire(join(dir, 'package.json'))('sharp');
const width = 6000;
const height = 4000;
const noise = (w, h, mean, sigma) =>
  sharp({ create: { width: w, height: h, channels: 3, noise: { type: 'gaussian', mean, sigma } } });
const base = await noise(600, 400, 128, 60)
  .resize(width, height, { fit: 'fill', kernel: 'cubic' })
  .raw()
  .toBuffer();
const grain = await noise(width, height, 128, 9).raw().toBuffer();
for (let i = 0; i < base.length; i++)
  base[i] = Math.max(0, Math.min(255, base[i] + grain[i] - 128));
await sharp(base, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 92 })
  .withMetadata({ orientation: 6 })
  .toFile(out);
