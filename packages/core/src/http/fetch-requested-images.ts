import { setMaxListeners } from 'node:events';
import type { EditWarning } from '../contract/warning.js';
import { runConcurrently } from '../engine/run-concurrently.js';
import { errorFromAbortSignal } from '../errors/abort-error.js';

export interface FetchRequestedImagesOptions<Source, Image> {
  /** Names the server in the warning about extra images. */
  provider: string;
  /** Images the call asked for (`EditCall.n`): sources past this many are not fetched. */
  wanted: number;
  /** Fetches (or decodes) one source; `signal` also aborts when a sibling fails. */
  fetch: (source: Source, signal: AbortSignal) => Promise<Image>;
  /** Fetches in flight at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface RequestedImages<Image> {
  /** In the order the server listed them. */
  images: Image[];
  /** Set when the server offered more images than were asked for; add it to the result. */
  warning?: EditWarning;
}

/**
 * Takes the first `wanted` images a server offered, in order, fetching at most `concurrency` at a
 * time: a server that answers one request with sixteen 32 MiB URLs costs one download, not sixteen
 * at once. The first failure aborts the other fetches. All fetches share one abort link to the
 * caller's signal, so many images never pile listeners onto it.
 */
export async function fetchRequestedImages<Source, Image>(
  sources: readonly Source[],
  options: FetchRequestedImagesOptions<Source, Image>,
): Promise<RequestedImages<Image>> {
  const wanted = Math.max(0, Math.floor(options.wanted));
  const taken = sources.slice(0, wanted);
  const dropped = sources.length - taken.length;

  const concurrency = options.concurrency ?? 4;
  const controller = new AbortController();
  // Each download in flight listens on this private signal (undici adds one listener per request);
  // their number is bounded by `concurrency`, so the default cap of 10 would only raise a false alarm.
  setMaxListeners(10 + 2 * concurrency, controller.signal);
  const parent = options.signal;
  const forward = () => controller.abort(parent?.reason);
  if (parent?.aborted) throw errorFromAbortSignal(parent, options.provider);
  parent?.addEventListener('abort', forward, { once: true });
  let images: Image[];
  try {
    images = await runConcurrently(
      taken.length,
      concurrency,
      (index) => options.fetch(taken[index]!, controller.signal),
      (error) => controller.abort(error),
    );
  } finally {
    parent?.removeEventListener('abort', forward);
  }
  if (dropped === 0) return { images };
  return {
    images,
    warning: {
      type: 'other',
      message: `${options.provider} returned ${sources.length} images where ${wanted} ${wanted === 1 ? 'was' : 'were'} asked for; the first ${wanted === 1 ? 'one was' : `${wanted} were`} kept and ${dropped} dropped without downloading.`,
    },
  };
}
