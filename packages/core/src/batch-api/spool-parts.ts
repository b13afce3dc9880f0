import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchApiLimits } from './batch-api-contract.js';

/** One input file being written: its lines' items, on disk, within the batch limits. */
export interface SpooledPart {
  path: string;
  size: number;
  keys: string[];
  customIds: string[];
  contentHashes: Array<string | null>;
}

/**
 * Writes request lines to temporary JSONL files on disk, starting a new file whenever the next
 * line would take one over the batch limits (request count or bytes): the input of a big job is
 * never held in memory, and each file can be uploaded as one batch.
 */
export class PartSpool {
  readonly parts: SpooledPart[] = [];
  #stream: WriteStream | undefined;
  #current: SpooledPart | undefined;

  constructor(
    private readonly limits: BatchApiLimits,
    private readonly folder = tmpdir(),
  ) {}

  /** Adds one line (its custom id already in it) to the current file, or to a new one. */
  async add(
    text: string,
    line: { key: string; customId: string; contentHash?: string },
  ): Promise<void> {
    const bytes = Buffer.byteLength(text) + 1;
    if (bytes > this.limits.maxFileBytes) {
      throw new Error(
        `one request line is ${bytes} bytes, over the ${this.limits.maxFileBytes} a batch file takes`,
      );
    }
    const part = this.#current;
    if (
      !part ||
      part.keys.length >= this.limits.maxRequests ||
      part.size + bytes > this.limits.maxFileBytes
    ) {
      await this.#close();
      this.#open();
    }
    const open = this.#current!;
    open.keys.push(line.key);
    open.customIds.push(line.customId);
    open.contentHashes.push(line.contentHash ?? null);
    open.size += bytes;
    if (!this.#stream!.write(`${text}\n`)) {
      await new Promise<void>((resolve) => this.#stream!.once('drain', resolve));
    }
  }

  /** Finishes the last file; every part is then complete on disk. */
  async finish(): Promise<SpooledPart[]> {
    await this.#close();
    return this.parts;
  }

  async discard(): Promise<void> {
    await this.#close();
    await Promise.all(this.parts.map((part) => rm(part.path, { force: true })));
  }

  #open() {
    const path = join(this.folder, `retouch-batch-${randomBytes(8).toString('hex')}.jsonl`);
    this.#current = { path, size: 0, keys: [], customIds: [], contentHashes: [] };
    this.parts.push(this.#current);
    this.#stream = createWriteStream(path, { mode: 0o600 });
  }

  async #close() {
    const stream = this.#stream;
    this.#stream = undefined;
    if (!stream) return;
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
