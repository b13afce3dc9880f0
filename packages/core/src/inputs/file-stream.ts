import { type FileHandle, open } from 'node:fs/promises';

const defaultChunkBytes = 64 * 1024;

/**
 * Streams a file strictly on demand: one chunk is read per pull, so an upload holds at most a
 * chunk or two of the file at a time. `Readable.toWeb(createReadStream())` reads ahead of a slow
 * consumer on Node 20, which keeps much of a large upload in memory.
 */
export function createFileStream(
  path: string,
  chunkBytes = defaultChunkBytes,
): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  const closeHandle = async () => {
    const open = handle;
    handle = undefined;
    await open?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          handle ??= await open(path, 'r');
          const chunk = new Uint8Array(chunkBytes);
          const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
          if (bytesRead === 0) {
            await closeHandle();
            controller.close();
            return;
          }
          controller.enqueue(bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead));
        } catch (error) {
          await closeHandle().catch(() => {});
          controller.error(error);
        }
      },
      cancel: closeHandle,
    },
    { highWaterMark: 0 },
  );
}
