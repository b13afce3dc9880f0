import { describe, expect, it } from 'vitest';
import { type MaskPainterPage, maskPainterHtml } from './mask-painter-html.js';

const page: MaskPainterPage = {
  mode: 'markup',
  maskTools: true,
  cspSource: 'https://webview.test',
  nonce: 'n0nce',
  scriptUri: 'https://webview.test/mask-painter.js',
  styleUri: 'https://webview.test/mask-painter.css',
  imageUri: 'https://webview.test/photo.png',
  imageName: 'pho"to<1>.png',
  width: 640,
  height: 480,
};

const tools = (html: string) => [...html.matchAll(/data-tool="(\w+)"/g)].map((match) => match[1]);

describe('the painter page', () => {
  it('offers the markup tools, then the mask tools when the model takes a mask', () => {
    const html = maskPainterHtml(page);
    expect(tools(html)).toEqual([
      'pen',
      'arrow',
      'rectangle',
      'ellipse',
      'text',
      'brush',
      'eraser',
    ]);
    expect(html).toContain('>Continue</button>');
    expect(tools(maskPainterHtml({ ...page, maskTools: false }))).toEqual([
      'pen',
      'arrow',
      'rectangle',
      'ellipse',
      'text',
    ]);
  });

  it('offers only the brush and eraser for a mask', () => {
    const html = maskPainterHtml({ ...page, mode: 'mask' });
    expect(tools(html)).toEqual(['brush', 'eraser']);
    expect(html).toContain('>Save Mask</button>');
  });

  it('runs only its own nonce script, with no network, and escapes the file name', () => {
    const html = maskPainterHtml(page);
    const csp = /content="(default-src[^"]+)"/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-n0nce'");
    expect(csp).not.toMatch(/unsafe|connect-src/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="n0nce" src=');
    expect(html).not.toContain('pho"to<1>');
    expect(html).toContain('pho&#34;to&#60;1&#62;.png');
  });
});
