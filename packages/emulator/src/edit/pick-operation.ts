import { createHash } from 'node:crypto';

export type Operation =
  | { kind: 'grayscale' }
  | { kind: 'invert' }
  | { kind: 'blur' }
  | { kind: 'sepia' }
  | { kind: 'remove-background' }
  | { kind: 'tint'; color: [number, number, number] };

const RULES: Array<[RegExp, Operation['kind']]> = [
  [
    /\b(remove|delete|drop|erase|cut out)\b.*\bbackground\b|\bbackground removal\b|\bno background\b/,
    'remove-background',
  ],
  [/\bgr[ae]y\s*scale\b|\bblack\s*(and|&)\s*white\b|\bmonochrome\b|\bdesaturate\b/, 'grayscale'],
  [/\binvert(ed)?\b|\bnegative\b/, 'invert'],
  [/\bblur(red|ry)?\b/, 'blur'],
  [/\bsepia\b/, 'sepia'],
];

/** Words in the prompt pick the operation; any other prompt gets a tint derived from its text. */
export function pickOperation(prompt: string): Operation {
  const text = prompt.toLowerCase();
  for (const [pattern, kind] of RULES) {
    if (pattern.test(text) && kind !== 'tint') return { kind } as Operation;
  }
  return { kind: 'tint', color: tintColor(text) };
}

/** A saturated colour from the prompt's hash: one channel high, one low, one in between. */
export function tintColor(text: string): [number, number, number] {
  const hash = createHash('sha256').update(text.trim()).digest();
  const order = (hash[0] ?? 0) % 6;
  const mid = 64 + ((hash[1] ?? 0) % 128);
  const triples: Array<[number, number, number]> = [
    [255, mid, 0],
    [255, 0, mid],
    [mid, 255, 0],
    [0, 255, mid],
    [mid, 0, 255],
    [0, mid, 255],
  ];
  return triples[order] ?? [255, 0, 0];
}
