// Renders the app's icons (PWA manifest, apple-touch-icon) from one SVG drawing with the system's Chromium, so the
// PNGs need no image tool. Run after changing the drawing: `node scripts/render-icons.mjs`; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/web/public/icons');
mkdirSync(out, { recursive: true });

// Navy of the app's header with a red shield and 安. `maskable` keeps the shield inside the 80% safe circle that
// launchers crop to, on a full-bleed background.
const drawing = (maskable) => {
  const s = maskable ? 0.62 : 0.8; // share of the 512 square the shield spans
  const t = `translate(${256 - 256 * s} ${256 - 256 * s}) scale(${s})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" ${maskable ? '' : 'rx="96"'} fill="#0d2b52"/>
  <g transform="${t}">
    <path d="M256 28 L448 96 V250 C448 360 366 440 256 484 C146 440 64 360 64 250 V96 Z" fill="#c0392b" stroke="#ffffff" stroke-width="18"/>
    <text x="256" y="330" font-size="230" text-anchor="middle" fill="#ffffff" font-weight="700"
      font-family="'Noto Sans CJK SC','Noto Serif CJK SC','PingFang SC','Microsoft YaHei',sans-serif">安</text>
  </g>
</svg>`;
};

writeFileSync(path.join(out, 'icon.svg'), drawing(false));
const targets = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true], // iOS rounds the corners itself
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const [name, size, maskable] of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${drawing(maskable).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(out, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${out}`);
