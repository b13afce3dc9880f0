// Generates images/icon.png (128x128) once; the PNG is committed, so packaging needs no sharp.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#5b3df5"/>
      <stop offset="1" stop-color="#e0457b"/>
    </linearGradient>
  </defs>
  <rect width="128" height="128" rx="26" fill="url(#bg)"/>
  <rect x="22" y="30" width="70" height="62" rx="8" fill="#ffffff" fill-opacity="0.95"/>
  <path d="M30 82 L50 58 L62 72 L70 63 L84 82 Z" fill="#5b3df5"/>
  <circle cx="72" cy="46" r="7" fill="#e0457b"/>
  <path d="M100 22 l5 12 12 5 -12 5 -5 12 -5 -12 -12 -5 12 -5 z" fill="#ffffff"/>
  <path d="M98 74 l3 7 7 3 -7 3 -3 7 -3 -7 -7 -3 7 -3 z" fill="#ffffff" fill-opacity="0.85"/>
</svg>`;

const out = join(fileURLToPath(new URL('..', import.meta.url)), 'images', 'icon.png');
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(out);
console.log(`wrote ${out}`);
