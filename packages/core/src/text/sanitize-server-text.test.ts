import { describe, expect, it } from 'vitest';
import { sanitizeServerText } from './sanitize-server-text.js';

describe('sanitizeServerText', () => {
  it.each([
    ['clear screen and home', 'a\x1b[2J\x1b[Hb', 'ab'],
    ['colours', '\x1b[1;31mred\x1b[0m', 'red'],
    ['cursor moves and line erase', 'x\x1b[10A\x1b[2Ky', 'xy'],
    ['private modes (hide cursor, alt screen)', '\x1b[?25l\x1b[?1049hz', 'z'],
    ['window title by OSC ended with BEL', '\x1b]0;pwned\x07ok', 'ok'],
    [
      'OSC 8 hyperlink ended with ST',
      '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\',
      'click',
    ],
    ['an OSC left open swallows the rest', 'safe\x1b]0;title with no end', 'safe'],
    ['DCS string', 'a\x1bP1$r0m\x1b\\b', 'ab'],
    ['8-bit CSI and OSC', 'a\u009b31mb\u009d0;t\u0007c', 'abc'],
    ['two-character escapes (reset, index)', '\x1bcA\x1bDB', 'AB'],
    ['a lone trailing ESC', 'end\x1b', 'end'],
    ['C0 controls: bell, backspace, NUL, form feed', 'a\x07b\x08c\x00d\x0ce', 'abcde'],
    ['DEL and other C1 controls', 'a\x7fb\u0085c', 'abc'],
    ['bidi overrides and isolates', 'user\u202Egnp.exe\u202C \u2066x\u2069', 'usergnp.exe x'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeServerText(input)).toBe(expected);
  });

  it('keeps line feeds and tabs, and turns carriage returns into line feeds', () => {
    expect(sanitizeServerText('one\r\ntwo\rthree\u2028four\tfive')).toBe(
      'one\ntwo\nthree\nfour\tfive',
    );
  });

  it('puts everything on one line when asked', () => {
    expect(sanitizeServerText('step 1\r\nstep\t2\n\n3', { singleLine: true })).toBe(
      'step 1 step 2 3',
    );
  });

  it('leaves ordinary text, including non-Latin scripts and emoji, untouched', () => {
    const text = 'Bild bearbeitet — 编辑完成 ✓ 🎨 مرحبا (50%) [done]';
    expect(sanitizeServerText(text)).toBe(text);
  });
});
