import { randomBytes } from 'node:crypto';

/** The purposes `POST /v1/files` takes, and those the emulator itself gives its output files. */
export type FilePurpose =
  | 'assistants'
  | 'batch'
  | 'fine-tune'
  | 'vision'
  | 'user_data'
  | 'evals'
  | 'batch_output';

/** A file of OpenAI's Files API: an upload (batch input, image) or a batch's output or errors. */
export interface OpenAiFile {
  id: string;
  filename: string;
  purpose: FilePurpose;
  bytes: Buffer;
  createdAt: number;
  expiresAt?: number;
}

/** By default files with purpose `batch` expire after 30 days (FileExpirationAfter). */
const BATCH_FILE_SECONDS = 30 * 24 * 3600;

/** The Files API's storage: uploads and batch outputs by id (`file-…`). */
export class OpenAiFiles {
  #files = new Map<string, OpenAiFile>();

  add(
    bytes: Buffer,
    filename: string,
    purpose: FilePurpose,
    expiresAfterSeconds?: number,
  ): OpenAiFile {
    const createdAt = Math.floor(Date.now() / 1000);
    const seconds =
      expiresAfterSeconds ??
      (purpose === 'batch' || purpose === 'batch_output' ? BATCH_FILE_SECONDS : undefined);
    const file: OpenAiFile = {
      id: `file-${randomBytes(12).toString('hex')}`,
      filename,
      purpose,
      bytes,
      createdAt,
      ...(seconds === undefined ? {} : { expiresAt: createdAt + seconds }),
    };
    this.#files.set(file.id, file);
    return file;
  }

  get(id: string): OpenAiFile | undefined {
    return this.#files.get(id);
  }

  /** An uploaded file's bytes, for `file_id` references in edit bodies. */
  bytes(id: string): Buffer | undefined {
    return this.#files.get(id)?.bytes;
  }

  delete(id: string): boolean {
    return this.#files.delete(id);
  }

  clear(): void {
    this.#files.clear();
  }
}

/** The `OpenAIFile` object the API answers with. */
export function fileView(file: OpenAiFile) {
  return {
    id: file.id,
    object: 'file' as const,
    bytes: file.bytes.length,
    created_at: file.createdAt,
    ...(file.expiresAt === undefined ? {} : { expires_at: file.expiresAt }),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed' as const,
  };
}
