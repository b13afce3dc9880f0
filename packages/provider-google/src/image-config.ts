/** The aspect ratios `imageConfig.aspectRatio` takes. */
export const aspectRatios = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
];

/**
 * `imageConfig` for a `WxH` size: the listed aspect ratio nearest to it and the size tier its
 * long edge falls in (up to 1.6K pixels is 1K, up to 3.2K is 2K, beyond is 4K). The model tables
 * list exactly the sizes Google documents, so for them this is exact.
 */
export function imageConfigFor(
  size: string,
): { aspectRatio: string; imageSize: string } | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (!(width > 0 && height > 0)) return undefined;
  let aspectRatio = '1:1';
  let distance = Number.POSITIVE_INFINITY;
  for (const ratio of aspectRatios) {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    const d = Math.abs(Math.log(width / height) - Math.log(w / h));
    if (d < distance) {
      aspectRatio = ratio;
      distance = d;
    }
  }
  const longEdge = Math.max(width, height);
  const imageSize = longEdge <= 1600 ? '1K' : longEdge <= 3200 ? '2K' : '4K';
  return { aspectRatio, imageSize };
}
