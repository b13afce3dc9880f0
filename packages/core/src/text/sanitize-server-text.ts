export interface SanitizeOptions {
  /** Turn line breaks and tabs into spaces too, for a one-line status or a notification. */
  singleLine?: boolean;
}

// Escape sequences first, whole, so their parameters do not survive as stray text:
// CSI (ESC [ or 8-bit 0x9B) parameters and final byte; OSC, DCS, SOS, PM and APC strings up to
// BEL or ST (or the end of the text, when a server leaves one open); any other ESC + one char.
const escapeSequence = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0020-\\u003f]*[\\u0040-\\u007e]?',
    '(?:\\u001b[\\]P^_X]|[\\u0090\\u0098\\u009d-\\u009f])[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)',
    '\\u001b[\\s\\S]?',
  ].join('|'),
  'g',
);
// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides, embeddings
// and isolates that can make text read differently from what it is ("Trojan Source").
const controlCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text that came from a server safe to show: in a terminal it cannot clear the screen, move
 * the cursor, set the window title, change colours or hyperlink; in a notification or a log it
 * cannot reorder itself. CR LF, CR and the Unicode line separators become plain line feeds.
 * Machine output (JSON) does not need this: JSON escaping already covers control characters.
 */
export function sanitizeServerText(text: string, options: SanitizeOptions = {}): string {
  const clean = text
    .replace(escapeSequence, '')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(controlCharacter, '');
  return options.singleLine ? clean.replace(/[\n\t]+/g, ' ') : clean;
}
