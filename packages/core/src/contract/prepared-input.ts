/** An image's type, pixel size and byte size, as the engine reports what it sent. */
export interface ImageSummary {
  mediaType: string;
  width: number;
  height: number;
  size: number;
}

/**
 * An input the engine changed before sending (issue 29): turned upright, shrunk to the model's
 * largest useful edge, converted to a type the model takes, or, for a mask, scaled with its image.
 * Recorded in the provenance beside the result.
 */
export interface PreparedInput {
  /** `images[0]`, …, or `mask`. */
  field: string;
  filename: string;
  original: ImageSummary;
  sent: ImageSummary;
  /** `convert`, `orient`, `shrink`, `too-large`; a mask `scale-with-image`. */
  changes: string[];
  /** The note shown to the user, e.g. `sent 3840×2880 JPEG (2.1 MB) instead of 8064×6048 HEIC (4.8 MB)`. */
  note: string;
}
