// `pnpm --filter @retouch/bench bench:storm`: measurement 9 alone, printed, nothing written.
import { ensureBenchImages } from './bench-images.js';
import { measureRateLimitStorm } from './measurements/rate-limit-storm.js';

const images = await ensureBenchImages();
const { rows, raw } = await measureRateLimitStorm(images);
console.log(JSON.stringify({ rows, raw }, null, 1));
