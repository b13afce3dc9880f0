// Generates the demo's sample image and mask once; both are committed under assets/.
// Run: node scripts/generate-sample-assets.mjs
import sharp from 'sharp';

const size = 512;

const sample = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2b3a8c"/>
      <stop offset="0.55" stop-color="#f28c6b"/>
      <stop offset="1" stop-color="#ffd37a"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#fff6c8"/>
      <stop offset="1" stop-color="#ffb347"/>
    </radialGradient>
  </defs>
  <rect width="${size}" height="${size}" fill="url(#sky)"/>
  <circle cx="340" cy="250" r="70" fill="url(#sun)"/>
  <polygon points="0,380 120,250 220,350 300,280 420,380 512,310 512,512 0,512" fill="#3d2c5e"/>
  <polygon points="0,430 90,360 190,420 310,350 400,420 512,380 512,512 0,512" fill="#24304f"/>
  <rect y="460" width="${size}" height="52" fill="#1b2238"/>
  <circle cx="90" cy="90" r="3" fill="#ffffff" opacity="0.8"/>
  <circle cx="160" cy="60" r="2" fill="#ffffff" opacity="0.7"/>
  <circle cx="420" cy="80" r="2.5" fill="#ffffff" opacity="0.8"/>
</svg>`;

// Transparent pixels mark where an edit may change the picture: here, the sky above the hills.
const mask = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <rect width="${size}" height="${size}" fill="#000000"/>
</svg>`;
const skyRegion = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="${size}" height="256" fill="#ffffff"/>
  </svg>`,
);

await sharp(Buffer.from(sample))
  .png({ compressionLevel: 9, palette: false })
  .toFile('assets/sample.png');
await sharp(Buffer.from(mask))
  .ensureAlpha()
  .composite([{ input: skyRegion, blend: 'dest-out' }])
  .png({ compressionLevel: 9 })
  .toFile('assets/sample-mask.png');
