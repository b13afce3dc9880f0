import { readFileSync } from 'node:fs';

/**
 * Whether the .vsix under test ships the image codec (dist/image-codec.js, issue 29), without
 * which the engine can neither keep a photo's framing nor put a region edit back into the
 * original. A .vsix is a zip: its central directory names every file.
 */
export function codecShipped(vsix: string): boolean {
  return readFileSync(vsix).includes('extension/dist/image-codec.js');
}

/** The reason a scenario that needs the codec gives in its name where the .vsix has none. */
export const needsCodec = ' [needs the image codec in the .vsix: it does not ship one yet]';
