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
  | { type: 'other'; message: string };
