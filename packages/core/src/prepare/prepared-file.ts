import type { ImageFile } from '../contract/image-file.js';
import type { Transcoded } from '../image/codec-types.js';

const extensions = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/** An in-memory `ImageFile` for prepared bytes, named after the original (`IMG_1.HEIC` → `IMG_1.jpg`). */
export function preparedFile(originalName: string, out: Transcoded): ImageFile {
  const stem = originalName.replace(/\.[^./\\]+$/, '') || 'image';
  const data = out.data;
  return {
    filename: `${stem}.${extensions[out.mediaType]}`,
    mediaType: out.mediaType,
    width: out.width,
    height: out.height,
    size: data.byteLength,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(data.slice());
          controller.close();
        },
      }),
    bytes: async () => data,
  };
}
