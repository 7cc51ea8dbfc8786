// @ts-check
/**
 * What one axe scan costs on a few screens of the build, the way the browser tests scan (tests/e2e/axe.ts,
 * legacy mode: axe.run() in the page) against @axe-core/playwright's default (axe in each frame, then
 * finished in a blank page it opens). Two of each a screen, in milliseconds. For looking at, not for asserting.
 *   npm run build && node tests/tools/axe-cost.mjs
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { AXE_TAGS } from '../e2e/axe-tags.mjs';
import { chromiumPath } from '../ensure-chromium.mjs';
import { startServer } from '../serve.mjs';

const server = await startServer({ base: '/hs-diary/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
const page = await context.newPage();
/** @param {boolean} legacy */
const scanMs = async (legacy) => {
  const started = Date.now();
  await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(legacy).analyze();
  return Date.now() - started;
};
for (const hash of ['#/', '#/settings', '#/medications', '#/summary']) {
  await page.goto(server.url + hash);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForTimeout(500);
  /** @type {number[]} */
  const legacy = [];
  /** @type {number[]} */
  const standard = [];
  for (let round = 0; round < 2; round += 1) {
    legacy.push(await scanMs(true));
    standard.push(await scanMs(false));
  }
  console.log(`${hash.padEnd(14)} legacy mode ${legacy.join(', ')} ms · default ${standard.join(', ')} ms`);
}
await browser.close();
await server.close();
