import type { JobHandle } from './job-handle.js';
import type { EditWarning } from './warning.js';

/**
 * Progress of one `editImage()` call. `call` is the index of the provider call the event belongs
 * to when `n` was split over several calls.
 */
export type EditProgressEvent =
  | { type: 'validated'; calls: number }
  | { type: 'job-started'; call: number; handle: JobHandle }
  | { type: 'queued'; call: number; position?: number }
  | { type: 'running'; call: number; logs?: readonly string[] }
  | { type: 'partial-image'; call: number; index: number; image: Uint8Array; mediaType?: string }
  | {
      type: 'retrying';
      call: number;
      /**
       * The try that starts after the wait, counting the first try as 1: the first retry is
       * attempt 2. While a long job is followed, the count starts again once a status gets through.
       */
      attempt: number;
      /** The wait before that try, exactly as the engine waits it (`Retry-After` or backoff). */
      delayMs: number;
      reason: string;
    }
  /**
   * A countdown while a wait of a second or more before a retry runs: sent when it starts and
   * every second after. `rateLimited`: the server asked for the wait (a 429).
   */
  | { type: 'waiting'; call: number; remainingMs: number; rateLimited: boolean }
  | { type: 'image-done'; call: number; index: number }
  | { type: 'warning'; warning: EditWarning };

/** What a provider may report while a call runs; the engine adds the call index. */
export type ProviderProgressEvent =
  | { type: 'queued'; position?: number }
  | { type: 'running'; logs?: readonly string[] }
  | { type: 'partial-image'; index: number; image: Uint8Array; mediaType?: string }
  | { type: 'warning'; warning: EditWarning };
