import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/, whether running from src/ (tests) or dist/ (the compiled benchmarks). */
export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(benchDir, '..');
export const cacheDir = join(benchDir, '.cache');
export const distDir = join(benchDir, 'dist');
