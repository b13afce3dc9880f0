import { describe, expect, it } from 'vitest';
import type { EditedImage } from '../contract/edit-request.js';
import type { Framing } from '../contract/framing.js';
import type { EditWarning } from '../contract/warning.js';
import { encodePng } from '../inputs/encode-png.js';
import { finishResumedFraming } from './finish-framing.js';

function answer(width: number, height: number): EditedImage {
  const pixels = new Uint8Array(width * height * 3).fill(90);
  return {
    data: encodePng({ width, height, channels: 3, pixels }),
    mediaType: 'image/png',
    width,
    height,
  };
}

/** A 200×200 picture padded left and right to a 300×200 frame. */
const padded: Framing = {
  full: { width: 200, height: 200 },
  region: { left: 0, top: 0, width: 200, height: 200 },
  canvas: { width: 300, height: 200 },
  left: 50,
  top: 0,
  padded: true,
};

/** A 100×100 region of a 1000×1000 picture, to go back inside its mask. */
const region: Framing = {
  full: { width: 1000, height: 1000 },
  region: { left: 600, top: 600, width: 100, height: 100 },
  canvas: { width: 100, height: 100 },
  left: 0,
  top: 0,
  padded: false,
  feather: 2,
};

describe('finishResumedFraming', () => {
  it("crops a padded job's answer back to the picture's framing, at the model's scale", async () => {
    const warnings: EditWarning[] = [];
    const [out] = await finishResumedFraming(padded, [answer(600, 400)], undefined, (warning) =>
      warnings.push(warning),
    );
    expect([out!.width, out!.height]).toEqual([400, 400]);
    expect(warnings).toEqual([]);
  });

  it("keeps a region's answer as the model sent it, and says why, when the picture is not at hand", async () => {
    const warnings: EditWarning[] = [];
    const sent = answer(100, 100);
    const [out] = await finishResumedFraming(region, [sent], undefined, (warning) =>
      warnings.push(warning),
    );
    expect(out).toBe(sent);
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/could not be put back into the 1000×1000 picture/),
    ]);
  });

  it('does not trust a framing whose boxes do not fit each other (read back from storage)', async () => {
    const warnings: EditWarning[] = [];
    const sent = answer(100, 100);
    const [out] = await finishResumedFraming(
      { ...padded, region: { left: 150, top: 0, width: 200, height: 200 } },
      [sent],
      undefined,
      (warning) => warnings.push(warning),
    );
    expect(out).toBe(sent);
    expect(warnings[0]?.message).toMatch(/not one Retouch wrote/);
  });
});
