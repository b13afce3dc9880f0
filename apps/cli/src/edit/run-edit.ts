import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  costOfEdit,
  type EditCost,
  type EditImageOptions,
  type EditImageResult,
  type EditProgressEvent,
  type EditWarning,
  editImage,
  type ImageEditProvider,
  type ModelPricing,
} from '@retouch/core';
import {
  type DeliveredImage,
  deliverResults,
  deliveryError,
  probeOutputFolder,
} from '@retouch/output';
import { nodeOutputFileSystem as fs, hashFile } from '@retouch/output/node';
import { cliVersion } from '../cli-version.js';
import { itemOptions, modelOf } from './edit-inputs.js';

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
  /** Also write `name.retouch-N.ext.json` beside each result. */
  sidecar?: boolean;
  cwd: string;
  /** The provider's base URL, for the record (credentials and query are dropped there). */
  endpoint?: string;
  /** Scrubbed from records as a last line of defence. */
  secrets: readonly string[];
  timeoutMs?: number;
  /** Send the inputs exactly as they are, not prepared for the model (`--keep-input`). */
  keepInput?: boolean;
  /** `--whole-image`, `--region-threshold`, `--region-margin`. */
  region?: { wholeImage?: boolean; threshold?: number; margin?: number } | undefined;
  /** The model's prices (config over data), for the cost recorded with the results. */
  pricing?: ModelPricing;
  signal: AbortSignal;
  onProgress?: (event: EditProgressEvent) => void;
}

export interface WrittenOutput {
  path: string;
  /** Where the record of how it was made is kept. */
  record: DeliveredImage<string>['recordIn'];
  sidecarPath?: string;
  mediaType: string;
  width: number;
  height: number;
  bytes: number;
}

export interface EditOutcome {
  provider: string;
  model: string;
  outputs: WrittenOutput[];
  /** The first input's size (upright), shown beside each result's. */
  source?: { width: number; height: number };
  requestId?: string;
  requestIds: string[];
  usage?: EditImageResult['usage'];
  /** What the edit cost, from what the provider reported; `unknown` says why not. */
  cost: EditCost;
  warnings: EditWarning[];
  /** What the user may want to know about the written files (a record kept in a sidecar, …). */
  notes: string[];
  elapsedMs: number;
}

/** Results that cannot be written where asked go here, so a paid result is never lost. */
export function rescueFolder(): string {
  return join(tmpdir(), 'retouch-rescued');
}

/**
 * One edit from the user's point of view: check that the results can be written, send the
 * images through the engine, then deliver each result under a fresh `name.retouch-N.ext` with
 * its record inside. Shared by `retouch edit` and the demo.
 */
export async function runEdit(job: EditJob): Promise<EditOutcome> {
  const startedAt = Date.now();
  const images = job.images.map((image) => resolve(job.cwd, image));
  const mask = job.mask === undefined ? undefined : resolve(job.cwd, job.mask);
  const model = modelOf(job.provider, job.model);
  const outDir = job.outDir === undefined ? dirname(images[0]!) : resolve(job.cwd, job.outDir);
  await probeOutputFolder(fs, outDir, {
    field: 'out',
    advice:
      job.outDir === undefined
        ? 'Write the results to another folder with --out <dir>.'
        : 'Choose a folder you can write to with --out <dir>.',
  });

  // Hash while the edit runs; a source that cannot be read fails in the engine with a clear message.
  const hashes = Promise.all(
    [...images, ...(mask ? [mask] : [])].map((path) => hashFile(path).catch(() => '')),
  );
  hashes.catch(() => {});
  const options = { ...job.options, ...(await itemOptions(job, model, images[0]!)) };
  const result = await editImage({
    provider: job.provider,
    model,
    prompt: job.prompt,
    images,
    mask,
    ...options,
    timeoutMs: job.timeoutMs,
    totalTimeoutMs: job.timeoutMs,
    ...(job.keepInput ? { keepInput: true } : {}),
    ...(job.region ? { region: job.region } : {}),
    signal: job.signal,
    onProgress: job.onProgress,
  });
  const sourceHashes = await hashes;
  const cost = costOfEdit({
    pricing: job.pricing,
    result,
    size: options.size,
    quality: options.quality,
  });

  const delivery = await deliverResults({
    fs,
    folder: outDir,
    sourceName: basename(images[0]!),
    result,
    edit: {
      editId: randomUUID(),
      tool: { name: '@retouch/cli', version: cliVersion },
      prompt: job.prompt,
      baseURL: job.endpoint,
      options,
      sources: images.map((location, i) => ({ location, sha256: sourceHashes[i] ?? '' })),
      ...(mask ? { mask: { location: mask, sha256: sourceHashes[images.length] ?? '' } } : {}),
      cost,
    },
    sidecar: job.sidecar,
    rescueFolder: rescueFolder(),
    secrets: job.secrets,
  });
  const failed = deliveryError(fs, delivery, {
    provider: result.provider,
    ...(result.requestId ? { requestId: result.requestId } : {}),
  });
  if (failed) throw failed;

  return {
    provider: result.provider,
    model: result.model,
    outputs: delivery.outputs.map((output) => ({
      path: output.location,
      record: output.recordIn,
      ...(output.sidecar ? { sidecarPath: output.sidecar } : {}),
      mediaType: output.mediaType,
      width: output.width,
      height: output.height,
      bytes: output.bytes,
    })),
    ...(result.source ? { source: result.source } : {}),
    requestId: result.requestId,
    requestIds: result.calls.flatMap((call) => (call.requestId ? [call.requestId] : [])),
    usage: result.usage,
    cost,
    warnings: result.warnings,
    notes: delivery.notes,
    elapsedMs: Date.now() - startedAt,
  };
}
