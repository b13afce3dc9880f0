import { describe, expect, it } from 'vitest';
import { studioHtml, studioShortcuts } from './studio-html.js';

const html = studioHtml({
  cspSource: 'https://webview.test',
  nonce: 'n0nce',
  scriptUri: 'https://webview.test/studio.js',
  styleUri: 'https://webview.test/studio.css',
  imageName: 'pho"to<1>.png',
});

describe('the Studio page', () => {
  it('runs only its own nonced script and loads images only from the webview roots', () => {
    const csp = /content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-n0nce'");
    expect(csp).toContain('img-src https://webview.test blob: data:');
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts).toEqual([' nonce="n0nce" src="https://webview.test/studio.js"']);
    expect(html).not.toMatch(/\son\w+=/);
  });

  it('escapes the file name and lists every shortcut in its help', () => {
    expect(html).toContain('pho&#34;to&#60;1&#62;.png');
    expect(html).not.toContain('pho"to<1>');
    for (const [key] of studioShortcuts) {
      expect(html).toContain(`<kbd>${key.replace('&', '&#38;')}</kbd>`);
    }
    expect(studioShortcuts.map(([key]) => key)).toEqual(
      expect.arrayContaining(['Enter', '1', 'C', 'V', 'K', 'F', 'Delete', 'Escape', '?']),
    );
  });

  it('starts loading the image (its preview, when there is one) with the page, and names its size', () => {
    const image = {
      uri: 'https://webview.test/photo.jpg?v=1',
      preview: 'https://webview.test/.retouch/previews/a"b.webp',
      width: 6000,
      height: 4000,
    };
    const page = studioHtml({
      cspSource: 'https://webview.test',
      nonce: 'n0nce',
      scriptUri: 'https://webview.test/studio.js',
      styleUri: 'https://webview.test/studio.css',
      imageName: 'photo.jpg',
      image,
    });
    expect(page).toContain(
      '<link rel="preload" as="image" href="https://webview.test/.retouch/previews/a&#34;b.webp">',
    );
    const attribute = /<body data-image="([^"]*)">/.exec(page)?.[1] ?? '';
    const decoded = attribute.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual(image);
    expect(html).toContain('<body>');
  });
});
