import { open, readFile } from 'node:fs/promises';
import type { ImageSource } from './codec-types.js';

const headLength = 64;

/** The first bytes, enough to tell a container type. */
export async function readSourceHead(source: ImageSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source.subarray(0, headLength);
  const handle = await open(source.path, 'r');
  try {
    const head = new Uint8Array(headLength);
    const { bytesRead } = await handle.read(head, 0, headLength, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function readSourceBytes(source: ImageSource): Promise<Uint8Array> {
  return source instanceof Uint8Array ? source : new Uint8Array(await readFile(source.path));
}
