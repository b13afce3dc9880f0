/** Something the user asked for that did not happen exactly as asked. Never silent. */
export type EditWarning =
  | { type: 'unsupported-option'; option: string; message: string }
  | { type: 'unknown-model'; model: string; message: string }
  | { type: 'fallback'; message: string }
  | { type: 'other'; message: string };
