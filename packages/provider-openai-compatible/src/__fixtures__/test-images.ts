import type {
  EditCall,
  ImageFile,
  ImageMediaType,
  ProviderProgressEvent,
} from '@retouch/core/provider';
import { schemas } from 'retouch-emulator/openapi';
import sharp from 'sharp';

export function solidPng(
  width: number,
  height: number,
  color: [number, number, number] = [200, 40, 40],
): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: color[0], g: color[1], b: color[2] } },
  })
    .png()
    .toBuffer();
}

/** A PNG mask: opaque except a transparent left half (the region to edit). */
export function leftHalfMask(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[(y * width + x) * 4 + 3] = x < width / 2 ? 0 : 255;
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

export interface RecordingImageFile extends ImageFile {
  /** How many times `bytes()` was called: a streaming body must never call it. */
  readonly bytesCalls: number;
}

/** An in-memory ImageFile, as the engine would hand one to a provider. */
export function imageFile(
  data: Uint8Array,
  options: { filename?: string; mediaType?: ImageMediaType; width?: number; height?: number } = {},
): RecordingImageFile {
  let bytesCalls = 0;
  return {
    filename: options.filename ?? 'input.png',
    mediaType: options.mediaType ?? 'image/png',
    width: options.width ?? 64,
    height: options.height ?? 64,
    size: data.byteLength,
    get bytesCalls() {
      return bytesCalls;
    },
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          // Several chunks, like a file read from disk.
          for (let offset = 0; offset < data.byteLength; offset += 1024) {
            controller.enqueue(data.slice(offset, offset + 1024));
          }
          controller.close();
        },
      }),
    bytes: async () => {
      bytesCalls += 1;
      return data;
    },
  };
}

export function editCall(overrides: Partial<EditCall> = {}): EditCall & {
  progress: ProviderProgressEvent[];
} {
  const progress: ProviderProgressEvent[] = [];
  return {
    model: 'gpt-image-1',
    prompt: 'make it grayscale',
    images: [imageFile(new Uint8Array([1, 2, 3]))],
    n: 1,
    signal: new AbortController().signal,
    onProgress: (event) => progress.push(event),
    progress,
    ...overrides,
  };
}

type ObjectSchema = { properties: Record<string, unknown> };

function objectSchema(name: string): ObjectSchema {
  const found = schemas[name] as ObjectSchema | undefined;
  if (!found) throw new Error(`schema ${name} is not in the OpenAPI subset`);
  return found;
}

/** The property names of a schema in OpenAI's OpenAPI description (the emulator's subset of it). */
export function specProperties(schema: string): string[] {
  return Object.keys(objectSchema(schema).properties);
}

export function specModelEnum(schema: string): string[] {
  const model = objectSchema(schema).properties.model as { anyOf: { enum?: string[] }[] };
  return model.anyOf.flatMap((option) => option.enum ?? []);
}
