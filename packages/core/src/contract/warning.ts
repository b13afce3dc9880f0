/** Something the user asked for that did not happen exactly as asked. Never silent. */
export type EditWarning =
  | { type: 'unsupported-option'; option: string; message: string }
  | { type: 'unknown-model'; model: string; message: string }
  /** The model is past or near its shutdown date (see `ModelInfo.lifecycle`). */
  | {
      type: 'model-lifecycle';
      model: string;
      shutdownDate?: string;
      replacement?: string;
      message: string;
    }
  | { type: 'fallback'; message: string }
  /**
   * A note, not a problem: an input was sent changed (upright, smaller, another type), e.g.
   * `IMG_1.HEIC: sent 3840×2880 JPEG (2.1 MB) instead of 8064×6048 HEIC (4.8 MB)`.
   */
  | { type: 'input-prepared'; field: string; message: string }
  | { type: 'other'; message: string };
