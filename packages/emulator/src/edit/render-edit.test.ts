import { describe, expect, it } from 'vitest';
import { leftHalfMask, pixels, solid, squareOnWhite } from '../test-support/images.js';
import { EditInputError } from './edit-input-error.js';
import { renderEdit } from './render-edit.js';

describe('renderEdit', () => {
  it('grayscale gives R=G=B and keeps the size of the input', async () => {
    const src = await squareOnWhite(64);
    const out = await renderEdit({ prompt: 'make it grayscale', images: [src] });
    expect(out.operation).toBe('grayscale');
    const p = await pixels(out.images[0]!.bytes);
    expect([p.width, p.height]).toEqual([64, 64]);
    const [r, g, b] = p.at(32, 32);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(r).toBe(Math.round(0.299 * 200 + 0.587 * 40 + 0.114 * 40));
  });

  it('invert, sepia, blur and tint change pixels as described', async () => {
    const src = await squareOnWhite(64);
    const inv = await pixels(
      (await renderEdit({ prompt: 'invert colors', images: [src] })).images[0]!.bytes,
    );
    expect(inv.at(32, 32).slice(0, 3)).toEqual([55, 215, 215]);
    expect(inv.at(0, 0).slice(0, 3)).toEqual([0, 0, 0]);
    const sep = await pixels(
      (await renderEdit({ prompt: 'sepia please', images: [src] })).images[0]!.bytes,
    );
    const [sr, sg, sb] = sep.at(32, 32);
    expect(sr).toBeGreaterThan(sg);
    expect(sg).toBeGreaterThan(sb);
    const blur = await pixels(
      (await renderEdit({ prompt: 'blur it', images: [src] })).images[0]!.bytes,
    );
    const edge = blur.at(16, 32);
    expect(edge[1]).toBeGreaterThan(40);
    expect(edge[1]).toBeLessThan(255);
    const tint = await renderEdit({ prompt: 'a cat in a hat', images: [src] });
    expect(tint.operation).toBe('tint');
    expect((await pixels(tint.images[0]!.bytes)).at(0, 0).slice(0, 3)).not.toEqual([255, 255, 255]);
  });

  it('remove background makes the corner colour transparent and keeps the subject', async () => {
    const out = await renderEdit({
      prompt: 'Remove the background',
      images: [await squareOnWhite(64)],
    });
    expect(out.background).toBe('transparent');
    const p = await pixels(out.images[0]!.bytes);
    expect(p.at(1, 1)[3]).toBe(0);
    expect(p.at(32, 32)).toEqual([200, 40, 40, 255]);
  });

  it('the mask confines the change to its transparent pixels', async () => {
    const src = await squareOnWhite(64);
    const out = await renderEdit({
      prompt: 'invert',
      images: [src],
      mask: await leftHalfMask(64, 64),
    });
    const p = await pixels(out.images[0]!.bytes);
    const s = await pixels(src);
    expect(p.at(5, 5).slice(0, 3)).toEqual([0, 0, 0]);
    for (const [x, y] of [
      [40, 5],
      [63, 63],
      [40, 32],
    ] as const)
      expect(p.at(x, y)).toEqual(s.at(x, y));
  });

  it('rejects a mask of another size and a mask without alpha', async () => {
    const src = await squareOnWhite(64);
    await expect(
      renderEdit({ prompt: 'x', images: [src], mask: await leftHalfMask(32, 32) }),
    ).rejects.toThrow(EditInputError);
    await expect(
      renderEdit({ prompt: 'x', images: [src], mask: await solid(64, 64, [0, 0, 0]) }),
    ).rejects.toThrow(/alpha/);
    await expect(
      renderEdit({ prompt: 'x', images: [Buffer.from('not an image')] }),
    ).rejects.toThrow(/unsupported/);
  });

  it('combines inputs side by side and honours size, format and n', async () => {
    const out = await renderEdit({
      prompt: 'grayscale',
      images: [await solid(64, 64, [255, 0, 0]), await solid(64, 64, [0, 0, 255])],
      n: 3,
      size: '32x16',
      outputFormat: 'webp',
    });
    expect(out.images).toHaveLength(3);
    const p = await pixels(out.images[0]!.bytes);
    expect([p.format, p.width, p.height]).toEqual(['webp', 32, 16]);
    expect(p.at(2, 8)[0]).toBe(76);
    expect(p.at(30, 8)[0]).toBe(29);
    const bytes = out.images.map((i) => i.bytes.toString('base64'));
    expect(new Set(bytes).size).toBe(3);
  });

  it('is deterministic and honours jpeg compression', async () => {
    const src = await squareOnWhite(64);
    const a = await renderEdit({
      prompt: 'sepia',
      images: [src],
      outputFormat: 'jpeg',
      outputCompression: 90,
    });
    const b = await renderEdit({
      prompt: 'sepia',
      images: [src],
      outputFormat: 'jpeg',
      outputCompression: 90,
    });
    const c = await renderEdit({
      prompt: 'sepia',
      images: [src],
      outputFormat: 'jpeg',
      outputCompression: 10,
    });
    expect(a.images[0]!.bytes.equals(b.images[0]!.bytes)).toBe(true);
    expect(a.seed).toBe(b.seed);
    expect(c.images[0]!.bytes.length).toBeLessThan(a.images[0]!.bytes.length);
    expect((await pixels(a.images[0]!.bytes)).format).toBe('jpeg');
  });

  it('background opaque flattens, transparent keys out the background', async () => {
    const src = await squareOnWhite(64);
    const t = await renderEdit({ prompt: 'a tint', images: [src], background: 'transparent' });
    expect((await pixels(t.images[0]!.bytes)).at(0, 0)[3]).toBe(0);
    const o = await renderEdit({
      prompt: 'remove background',
      images: [src],
      background: 'opaque',
    });
    expect(o.background).toBe('opaque');
    expect((await pixels(o.images[0]!.bytes)).at(0, 0)[3]).toBe(255);
  });
});
