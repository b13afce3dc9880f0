import type { Framing } from './framing.js';

/**
 * A long job's identity, as plain JSON, so an app can persist it (VS Code workspace state, a file)
 * and `resumeEdit()` it after a restart. Providers put whatever they need in `data` (ids, URLs);
 * it must survive `JSON.parse(JSON.stringify(handle))`.
 */
export interface JobHandle {
  /** Plugin id, e.g. `queue`. */
  provider: string;
  model: string;
  /** Provider-defined job reference. */
  id: string;
  data: Record<string, string | number | boolean | null>;
  /** ISO timestamp of submission. */
  createdAt: string;
  /**
   * Set by the engine when the picture was reframed for the model (padded, or cut to the region
   * around a mask): how `resumeEdit` puts the answer back, so a job resumed after a restart still
   * returns the whole picture.
   */
  framing?: Framing;
}
