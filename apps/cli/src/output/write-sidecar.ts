import type { EditWarning, ImageUsage } from '@retouch/core';
import { redactSecrets } from '@retouch/core/http';
import { writeAtomic } from './write-atomic.js';

/** Options the user chose, as recorded so the edit can be re-run. */
export interface RecordedOptions {
  n?: number;
  size?: string;
  quality?: string;
  background?: string;
  outputFormat?: string;
  outputCompression?: number;
  inputFidelity?: string;
}

export interface RecordedSource {
  role: 'image' | 'mask';
  /** Path relative to the sidecar's folder, so a moved folder still makes sense. */
  file: string;
  sha256: string;
}

/** What `name.retouch-N.ext.json` holds. No key, header or query string is ever recorded. */
export interface EditSidecar {
  schema: 'retouch.edit/v1';
  createdAt: string;
  tool: { name: string; version: string };
  prompt: string;
  provider: string;
  model: string;
  /** Base URL without credentials, query or fragment. */
  endpoint?: string;
  options: RecordedOptions;
  sources: RecordedSource[];
  output: {
    file: string;
    /** Which of the `n` images this is, from 0. */
    index: number;
    mediaType: string;
    width: number;
    height: number;
    sha256: string;
    revisedPrompt?: string;
  };
  requestId?: string;
  /** Every provider call's request id when `n` was split over several calls. */
  requestIds: string[];
  usage?: ImageUsage;
  warnings: EditWarning[];
}

/**
 * Writes the sidecar atomically. `secrets` are scrubbed as a last line of defence: nothing that
 * goes in should hold one, but a provider's echoed metadata is not ours to trust.
 */
export async function writeSidecar(
  path: string,
  sidecar: EditSidecar,
  secrets: readonly string[],
): Promise<void> {
  const text = `${JSON.stringify(sidecar, null, 2)}\n`;
  await writeAtomic(path, redactSecrets(text, secrets));
}

/** `https://host/v1` from a base URL, dropping `user:pass@`, `?api-version=…&key=…` and `#…`. */
export function endpointForRecord(baseURL: unknown): string | undefined {
  if (typeof baseURL !== 'string') return undefined;
  try {
    const url = new URL(baseURL);
    return `${url.origin}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
