import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import {
  type EditImageOptions,
  type EditImageResult,
  type EditProgressEvent,
  type EditWarning,
  editImage,
  type ImageEditProvider,
  RetouchError,
} from '@retouch/core';
import { cliVersion } from '../cli-version.js';
import { hashBytes, hashFile } from '../output/hash-file.js';
import { extensionFor, outputStem, reserveOutputPath } from '../output/next-output-path.js';
import { writeAtomic } from '../output/write-atomic.js';
import { type EditSidecar, type RecordedSource, writeSidecar } from '../output/write-sidecar.js';

export interface EditJob {
  provider: ImageEditProvider;
  /** Model id; undefined picks the provider's first listed model. */
  model?: string;
  prompt: string;
  /** Local image paths, absolute or relative to `cwd`. */
  images: readonly string[];
  mask?: string;
  options: Pick<
    EditImageOptions,
    | 'n'
    | 'size'
    | 'quality'
    | 'background'
    | 'outputFormat'
    | 'outputCompression'
    | 'inputFidelity'
    | 'partialImages'
  >;
  /** Output folder; defaults to the first image's folder. */
  outDir?: string;
  cwd: string;
  /** Base URL as recorded in sidecars (already stripped of credentials and query). */
  endpoint?: string;
  /** Scrubbed from sidecars as a last line of defence. */
  secrets: readonly string[];
  timeoutMs?: number;
  signal: AbortSignal;
  onProgress?: (event: EditProgressEvent) => void;
}

export interface WrittenOutput {
  path: string;
  sidecarPath: string;
  mediaType: string;
  width: number;
  height: number;
  bytes: number;
}

export interface EditOutcome {
  provider: string;
  model: string;
  outputs: WrittenOutput[];
  requestId?: string;
  requestIds: string[];
  usage?: EditImageResult['usage'];
  warnings: EditWarning[];
  elapsedMs: number;
}

/**
 * One edit from the user's point of view: send the images through the engine, then write each
 * result under a fresh `name.retouch-N.ext` with its sidecar. Shared by `retouch edit` and the demo.
 */
export async function runEdit(job: EditJob): Promise<EditOutcome> {
  const startedAt = Date.now();
  const images = job.images.map((image) => resolve(job.cwd, image));
  const mask = job.mask === undefined ? undefined : resolve(job.cwd, job.mask);
  const model = job.model ?? job.provider.models[0]?.id;
  if (model === undefined) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: job.provider.id,
      message: `${job.provider.id} lists no models, so name one with --model (or RETOUCH_MODEL).`,
      issues: [{ field: 'model', message: 'required' }],
    });
  }
  const outDir = job.outDir === undefined ? dirname(images[0]!) : resolve(job.cwd, job.outDir);

  // Hash while the edit runs; a source that cannot be read fails in the engine with a clear message.
  const hashes = Promise.all(
    [...images, ...(mask ? [mask] : [])].map((path) => hashFile(path).catch(() => '')),
  );
  hashes.catch(() => {});
  const result = await editImage({
    provider: job.provider,
    model,
    prompt: job.prompt,
    images,
    mask,
    ...job.options,
    timeoutMs: job.timeoutMs,
    totalTimeoutMs: job.timeoutMs,
    signal: job.signal,
    onProgress: job.onProgress,
  });
  await mkdir(outDir, { recursive: true });
  const sourceHashes = await hashes;

  const stem = outputStem(images[0]!);
  const requestIds = result.calls.flatMap((call) => (call.requestId ? [call.requestId] : []));
  const outputs: WrittenOutput[] = [];
  for (const [index, image] of result.images.entries()) {
    const reserved = await reserveOutputPath(outDir, stem, extensionFor(image.mediaType));
    try {
      await writeAtomic(reserved.path, image.data);
      const sources: RecordedSource[] = [...images, ...(mask ? [mask] : [])].map((path, i) => ({
        role: mask !== undefined && i === images.length ? 'mask' : 'image',
        file: recordedPath(outDir, path),
        sha256: sourceHashes[i] ?? '',
      }));
      const sidecar: EditSidecar = {
        schema: 'retouch.edit/v1',
        createdAt: new Date().toISOString(),
        tool: { name: '@retouch/cli', version: cliVersion },
        prompt: job.prompt,
        provider: result.provider,
        model: result.model,
        ...(job.endpoint ? { endpoint: job.endpoint } : {}),
        options: withoutUndefined(job.options),
        sources,
        output: {
          file: relative(outDir, reserved.path),
          index,
          mediaType: image.mediaType,
          width: image.width,
          height: image.height,
          sha256: hashBytes(image.data),
          ...(image.revisedPrompt ? { revisedPrompt: image.revisedPrompt } : {}),
        },
        requestId: result.requestId,
        requestIds,
        usage: result.usage,
        warnings: result.warnings,
      };
      await writeSidecar(reserved.sidecarPath, sidecar, job.secrets);
    } catch (error) {
      await reserved.release();
      throw error;
    }
    outputs.push({
      path: reserved.path,
      sidecarPath: reserved.sidecarPath,
      mediaType: image.mediaType,
      width: image.width,
      height: image.height,
      bytes: image.data.byteLength,
    });
  }
  return {
    provider: result.provider,
    model: result.model,
    outputs,
    requestId: result.requestId,
    requestIds,
    usage: result.usage,
    warnings: result.warnings,
    elapsedMs: Date.now() - startedAt,
  };
}

/** Relative to the output folder when the source is close by (portable), else absolute. */
function recordedPath(outDir: string, path: string): string {
  const shown = relative(outDir, path);
  const climbs = shown.split(sep).filter((segment) => segment === '..').length;
  return shown === '' || climbs > 2 || isAbsolute(shown) ? path : shown.split(sep).join('/');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
