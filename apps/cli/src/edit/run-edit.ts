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
  frameMarkupPrompt,
  type ImageEditProvider,
  type MarkupDelivery,
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
  /** A transparent PNG of marks over the first image (see `EditImageRequest.markup`). */
  markup?: string;
  options: Pick<
    EditImageOptions,
    | 'n'
    | 'size'
    | 'quality'
    | 'complexity'
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

/**
 * How the marks reach the model and the prompt that tells it to follow them: the same framing
 * the extension uses, so a marked-up edit means the same from either.
 */
function markupSent(job: EditJob, model: string): { delivery: MarkupDelivery; prompt: string } {
  const info = job.provider.models.find((candidate) => candidate.id === model);
  const delivery = info?.capabilities.markupInput === 'layer' ? 'layer' : 'flattened';
  return { delivery, prompt: frameMarkupPrompt(job.prompt, delivery) };
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
  const markup = job.markup === undefined ? undefined : resolve(job.cwd, job.markup);
  const model = modelOf(job.provider, job.model);
  const marks = markup ? markupSent(job, model) : undefined;
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
    [...images, ...(mask ? [mask] : []), ...(markup ? [markup] : [])].map((path) =>
      hashFile(path).catch(() => ''),
    ),
  );
  hashes.catch(() => {});
  const options = { ...job.options, ...(await itemOptions(job, model, images[0]!)) };
  const result = await editImage({
    provider: job.provider,
    model,
    prompt: marks?.prompt ?? job.prompt,
    images,
    mask,
    ...(markup ? { markup } : {}),
    ...options,
    timeoutMs: job.timeoutMs,
    totalTimeoutMs: job.timeoutMs,
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
      ...(markup && marks
        ? {
            markup: {
              location: markup,
              sha256: sourceHashes.at(-1) ?? '',
              delivery: marks.delivery,
              sentPrompt: marks.prompt,
            },
          }
        : {}),
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
    requestId: result.requestId,
    requestIds: result.calls.flatMap((call) => (call.requestId ? [call.requestId] : [])),
    usage: result.usage,
    cost,
    warnings: result.warnings,
    notes: delivery.notes,
    elapsedMs: Date.now() - startedAt,
  };
}
