/**
 * The messages between the Studio page and the extension, shared by both sides (the page imports
 * this file's types only). Images travel as webview URIs, never as their bytes.
 */

/** One option the model lets the user choose, as a `<select>` in the options row. */
export interface StudioOption {
  key: string;
  label: string;
  choices: { label: string; value: string | number | null }[];
  /** Index of the default choice. */
  selected: number;
}

/**
 * A large image's screen-sized copy (see studio-previews.ts): its URI, or the key under which
 * the page may send one it made.
 */
export interface StudioPreview {
  preview?: string;
  previewKey?: string;
}

export interface StudioCandidate extends StudioPreview {
  /** `<editId>/<index>`. */
  id: string;
  uri: string;
  file: string;
  width: number;
  height: number;
  status: 'new' | 'kept' | 'discarded';
  keptAs: string[];
  /** What it came from, oldest first: "photo.jpg", "make it sepia", … */
  chain: string[];
}

export interface StudioEdit {
  editId: string;
  prompt: string;
  /** "GPT Image 1 · 3 min ago · $0.04" */
  summary: string;
  /** What it was made from: the image, or "candidate 2 of "make it sepia"". */
  from: string;
  candidates: StudioCandidate[];
}

/** A Refine: the candidate the next edit starts from, instead of the image. */
export interface StudioSource extends StudioPreview {
  candidateId: string;
  uri: string;
  width: number;
  height: number;
  label: string;
}

/** Everything drawn and not sent yet, in image pixels (see media/painter). */
export type SavedMarks = unknown[];

export interface StudioView {
  type: 'view';
  image: { name: string; uri: string; width: number; height: number } & StudioPreview;
  /** "GPT Image 2 on OpenAI", or why nothing can be sent. */
  model: { label: string; mask: boolean; problem?: string };
  options: StudioOption[];
  presets: { name: string; description: string; prompt: string }[];
  recent: string[];
  edits: StudioEdit[];
  source?: StudioSource;
  /** The prompt box's text after a Refine or Re-run with changes. */
  prompt?: string;
  marks?: SavedMarks;
  running?: { text: string };
}

/** What the page sends. */
export type StudioRequest =
  | { type: 'ready' }
  | { type: 'estimate'; options: Record<string, string | number>; prompt: string; seq: number }
  | {
      type: 'send';
      prompt: string;
      options: Record<string, string | number>;
      /** The painted mask as a PNG at the source's size (transparent where to change). */
      mask?: Uint8Array;
      /** The source with the marks drawn on it, at its size: a PNG. */
      markup?: Uint8Array;
    }
  | { type: 'cancel' }
  | { type: 'keep' | 'replace' | 'discard' | 'restore'; candidateId: string }
  | { type: 'discard-others'; candidateId: string }
  | { type: 'refine'; candidateId: string }
  | { type: 'rerun'; editId: string }
  | { type: 'clear-source' }
  | { type: 'marks'; marks: SavedMarks }
  /** A preview the page made, as a WebP, for a key the view offered. */
  | { type: 'preview'; key: string; data: Uint8Array }
  | { type: 'undo-replace' };

/** What the extension sends besides the view. */
export type StudioEvent =
  | StudioView
  | { type: 'estimate'; text: string; seq: number }
  | { type: 'progress'; text: string }
  | { type: 'partial'; data: Uint8Array; mediaType: string }
  | { type: 'finished'; text: string; ok: boolean }
  | { type: 'notice'; text: string };
