// @ts-check
/**
 * Renders public/favicon.svg into the PNG icons the web manifest and iOS need, with Debian's Chromium.
 * Run by hand after changing the SVG: `node tests/tools/make-icons.mjs`. The PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();

/** @param {string} file @param {number} size @param {number} scale of the artwork, 1 = full bleed */
async function render(file, size, scale, background = 'transparent') {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * scale);
  await page.setContent(
    `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${background}">
       <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div>
     </body>`,
  );
  await page.screenshot({
    path: new URL(`../../public/${file}`, import.meta.url).pathname,
    omitBackground: background === 'transparent',
  });
}

await render('pwa-192.png', 192, 1);
await render('pwa-512.png', 512, 1);
// Maskable icons are cropped to a circle of 80 % of their width: keep the artwork inside that safe zone.
await render('maskable-512.png', 512, 0.78, '#1f6f78');
await render('apple-touch-icon.png', 180, 0.9, '#1f6f78');
await browser.close();
