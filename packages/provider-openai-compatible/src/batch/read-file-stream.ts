import { open } from 'node:fs/promises';

const chunkBytes = 256 * 1024;

/**
 * A file as a byte stream that reads the next chunk only when the consumer asks for it: at most
 * one chunk in memory. (`Readable.toWeb(createReadStream(…))` on Node 20 reads ahead without
 * waiting, which can pull a whole 200 MB batch file into memory.) Every chunk is read into the
 * same buffer, so a consumer must be done with a chunk (or copy what it keeps) before it reads
 * the next, as `readJsonlLines` is: a fresh 256 KB buffer per chunk left hundreds of them to the
 * garbage collector while a big result file was read.
 */
export function readFileStream(path: string): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let buffer: Uint8Array | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        handle ??= await open(path, 'r');
        buffer ??= new Uint8Array(chunkBytes);
        const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
        if (bytesRead === 0) {
          await handle.close();
          handle = undefined;
          controller.close();
        } else controller.enqueue(buffer.subarray(0, bytesRead));
      },
      async cancel() {
        await handle?.close();
        handle = undefined;
      },
    },
    { highWaterMark: 0 },
  );
}
