import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../engine/__fixtures__/test-provider.js';
import { readImageInput } from './read-image-input.js';

let dir: string;
let server: Server;
let baseUrl: string;
let photo: Buffer;

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-inputs-'));
  photo = await png(33, 21);
  await writeFile(join(dir, 'photo.png'), photo);
  await writeFile(join(dir, 'notes.txt'), 'just text');
  await writeFile(join(dir, 'empty.png'), '');
  server = createServer((request, response) => {
    if (request.url === '/photo.png')
      response.writeHead(200, { 'content-type': 'image/png' }).end(photo);
    else if (request.url === '/page')
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('readImageInput', () => {
  it('reads a path lazily: metadata from the head, a fresh stream from disk per call', async () => {
    const file = await readImageInput(join(dir, 'photo.png'));
    expect(file).toMatchObject({
      filename: 'photo.png',
      mediaType: 'image/png',
      width: 33,
      height: 21,
      size: photo.length,
      path: join(dir, 'photo.png'),
    });
    expect(await collect(file.stream())).toEqual(photo);
    expect(await collect(file.stream())).toEqual(photo);
    expect(Buffer.from(await file.bytes())).toEqual(photo);
  });

  it('accepts { path } and file: URLs', async () => {
    expect((await readImageInput({ path: join(dir, 'photo.png') })).width).toBe(33);
    expect((await readImageInput(pathToFileURL(join(dir, 'photo.png')))).height).toBe(21);
  });

  it('reads bytes, ArrayBuffer, Blob, File and data URIs in memory', async () => {
    const jpeg = await sharp(photo).jpeg().toBuffer();
    const fromBytes = await readImageInput(new Uint8Array(jpeg));
    expect(fromBytes).toMatchObject({
      mediaType: 'image/jpeg',
      width: 33,
      height: 21,
      filename: 'image.jpg',
    });
    expect(await collect(fromBytes.stream())).toEqual(jpeg);
    const arrayBuffer = jpeg.buffer.slice(jpeg.byteOffset, jpeg.byteOffset + jpeg.byteLength);
    expect((await readImageInput(arrayBuffer)).mediaType).toBe('image/jpeg');
    expect((await readImageInput(new Blob([new Uint8Array(jpeg)]))).size).toBe(jpeg.length);
    expect((await readImageInput(new File([new Uint8Array(photo)], 'named.png'))).filename).toBe(
      'named.png',
    );
    const dataUri = `data:image/png;base64,${photo.toString('base64')}`;
    expect(await readImageInput(dataUri)).toMatchObject({ mediaType: 'image/png', width: 33 });
  });

  it('downloads http URLs and sniffs the bytes', async () => {
    const file = await readImageInput(`${baseUrl}/photo.png`);
    expect(file).toMatchObject({
      filename: 'photo.png',
      mediaType: 'image/png',
      width: 33,
      height: 21,
    });
  });

  it('refuses a URL that serves something other than an image', async () => {
    await expect(readImageInput(`${baseUrl}/page`, { field: 'images[0]' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('explains a missing file, a directory, a text file and an empty file', async () => {
    await expect(readImageInput(join(dir, 'nope.png'))).rejects.toMatchObject({
      code: 'invalid_request',
      message: `${join(dir, 'nope.png')} does not exist: check the path.`,
    });
    await expect(readImageInput(dir)).rejects.toMatchObject({
      code: 'invalid_request',
      message: `${dir} is not a file: choose an image file.`,
    });
    await expect(readImageInput(join(dir, 'notes.txt'))).rejects.toMatchObject({
      code: 'invalid_request',
      message:
        'notes.txt is not an image: Retouch reads PNG, JPEG, WebP, GIF, HEIC, AVIF, TIFF and BMP.',
    });
    await expect(readImageInput(join(dir, 'empty.png'), { field: 'mask' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'empty.png is empty: choose an image file with content.',
      issues: [{ field: 'mask', message: 'empty file' }],
    });
  });

  it('stops before reading when already aborted', async () => {
    await expect(
      readImageInput(join(dir, 'photo.png'), { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});

describe('readImageInput on a camera-style JPEG', () => {
  it('finds the frame header behind more than 64 KiB of metadata', async () => {
    const icc = Buffer.alloc(60_000, 1);
    const jpeg = await sharp(await png(40, 30))
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'x'.repeat(60_000) } })
      .toBuffer();
    // Splice a second large APP2 segment in after SOI, as cameras and editors do.
    const app2 = Buffer.concat([
      Buffer.from([0xff, 0xe2, 0xea, 0x62]),
      icc.subarray(0, 0xea62 - 2),
    ]);
    const padded = Buffer.concat([jpeg.subarray(0, 2), app2, jpeg.subarray(2)]);
    expect(padded.indexOf(Buffer.from([0xff, 0xc0]))).toBeGreaterThan(64 * 1024);
    const path = join(dir, 'camera.jpg');
    await writeFile(path, padded);
    expect(await readImageInput(path)).toMatchObject({
      mediaType: 'image/jpeg',
      width: 40,
      height: 30,
    });
  });
});
