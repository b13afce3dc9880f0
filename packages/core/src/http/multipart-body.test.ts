import { describe, expect, it } from 'vitest';
import type { ImageFile } from '../contract/image-file.js';
import { RetouchError } from '../errors/retouch-error.js';
import { createMultipartBody, isMultipartBody, type MultipartBody } from './multipart-body.js';

function memoryFile(
  filename: string,
  content: Uint8Array,
  declaredSize = content.byteLength,
): ImageFile {
  return {
    filename,
    mediaType: 'image/webp',
    width: 2,
    height: 2,
    size: declaredSize,
    stream: () => new Blob([new Uint8Array(content)]).stream(),
    bytes: async () => content,
  };
}

async function collect(body: MultipartBody): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(body.stream()).arrayBuffer());
}

async function parse(body: MultipartBody): Promise<FormData> {
  return new Request('http://parser.local/', {
    method: 'POST',
    headers: { 'content-type': body.contentType },
    body: await collect(body),
  }).formData();
}

describe('createMultipartBody', () => {
  const content = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 1, 2, 3, 0x0d, 0x0a, 255]);

  it('declares exactly as many bytes as it streams', async () => {
    const body = createMultipartBody([
      { name: 'prompt', value: 'über café ✨' },
      { name: 'image[]', file: memoryFile('a.webp', content) },
      { name: 'image[]', file: memoryFile('b.webp', content) },
      { name: 'n', value: '2' },
    ]);
    expect((await collect(body)).byteLength).toBe(body.contentLength);
  });

  it('frames fields and files so a standard form-data parser reads them back', async () => {
    const body = createMultipartBody([
      { name: 'prompt', value: 'über café ✨' },
      { name: 'image[]', file: memoryFile('a.webp', content) },
      { name: 'image[]', file: memoryFile('b.webp', content.slice(0, 4)) },
    ]);
    expect(body.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
    const form = await parse(body);
    expect(form.get('prompt')).toBe('über café ✨');
    const files = form.getAll('image[]') as File[];
    expect(files.map((file) => [file.name, file.type])).toEqual([
      ['a.webp', 'image/webp'],
      ['b.webp', 'image/webp'],
    ]);
    expect(new Uint8Array(await files[0]!.arrayBuffer())).toEqual(content);
    expect(new Uint8Array(await files[1]!.arrayBuffer())).toEqual(content.slice(0, 4));
  });

  it('escapes quotes and line breaks in names so they cannot break the framing', async () => {
    const body = createMultipartBody([
      { name: 'evil"\r\nContent-Type: text/html', value: 'x' },
      { name: 'image', file: memoryFile('my "best"\nshot.webp', content) },
    ]);
    const form = await parse(body);
    const names: string[] = [];
    form.forEach((_value, name) => {
      names.push(name);
    });
    expect(names).toEqual(['evil"\r\nContent-Type: text/html', 'image']);
    expect((form.get('image') as File).name).toBe('my "best"\nshot.webp');
  });

  it('gives a fresh stream on every call, so a retry can send it again', async () => {
    const body = createMultipartBody([{ name: 'image', file: memoryFile('a.webp', content) }]);
    expect(await collect(body)).toEqual(await collect(body));
  });

  it('fails clearly when a file no longer has the size it was read with', async () => {
    const shrunk = createMultipartBody([
      { name: 'image', file: memoryFile('a.webp', content, 100) },
    ]);
    const grown = createMultipartBody([{ name: 'image', file: memoryFile('a.webp', content, 3) }]);
    for (const body of [shrunk, grown]) {
      const error = await collect(body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RetouchError);
      expect((error as RetouchError).message).toMatch(
        /a\.webp changed while it was being uploaded/,
      );
    }
  });
});

describe('isMultipartBody', () => {
  it('recognises multipart bodies and nothing else', () => {
    expect(isMultipartBody(createMultipartBody([]))).toBe(true);
    expect(
      isMultipartBody({ contentType: 'multipart/form-data', contentLength: 0, stream() {} }),
    ).toBe(false);
    expect(isMultipartBody('text')).toBe(false);
    expect(isMultipartBody(null)).toBe(false);
  });
});
