import { randomBytes } from 'node:crypto';

export interface StoredFile {
  id: string;
  bytes: Buffer;
  contentType: string;
}

export function newId(extension: string): string {
  return `${randomBytes(12).toString('hex')}.${extension}`;
}

/** Images the emulator serves itself at `/files/{id}`; the oldest go once `capacity` is passed. */
export class FileStore {
  #files = new Map<string, StoredFile>();

  constructor(private readonly capacity = 2000) {}

  put(bytes: Buffer, contentType: string, extension: string, id = newId(extension)): StoredFile {
    const file = { id, bytes, contentType };
    this.#files.set(id, file);
    while (this.#files.size > this.capacity) {
      const oldest = this.#files.keys().next().value;
      if (oldest === undefined) break;
      this.#files.delete(oldest);
    }
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  clear(): void {
    this.#files.clear();
  }
}
