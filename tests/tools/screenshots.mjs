// @ts-check
/**
 * Screenshots of every screen at 390 x 844, light and dark, English and Chinese, into
 * tests/e2e/.artifacts/screens/ — for looking at, not for asserting. Run after `npm run build`:
 *   node tests/tools/screenshots.mjs
 * Another width and default text size (200 % text is 32 px), light only unless told, into
 * screens/<width>-<text>/:
 *   node tests/tools/screenshots.mjs --width=320 --text=32
 *   node tests/tools/screenshots.mjs --width=320 --text=32 --schemes=dark --locales=zh-CN
 * Besides each whole page (too tall to read at full size), pieces of 1,400 px (name.1.png, name.2.png, ...),
 * and the states issue 13 changed: the sticky Save bar on a first visit (as the screen shows it, not the whole
 * page), the body map's back, a refused delete beside its entry on Medicines, the medication forms, the QR
 * panel's technical details, and a backup's import preview and result in a fresh browser.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';

const option = (/** @type {string} */ name) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const widthPx = Number(option('width') ?? 390);
const textPx = option('text') ? Number(option('text')) : undefined;
const isSized = option('width') !== undefined || textPx !== undefined;
const listOption = (/** @type {string} */ name, /** @type {string[]} */ fallback) =>
  option(name)?.split(',') ?? fallback;
const locales = listOption('locales', ['en', 'zh-CN']);
const schemes = /** @type {('light' | 'dark')[]} */ (listOption('schemes', isSized ? ['light'] : ['light', 'dark']));
const out = new URL(`../e2e/.artifacts/screens/${isSized ? `${widthPx}-${textPx ?? 16}/` : ''}`, import.meta.url)
  .pathname;
mkdirSync(out, { recursive: true });
const server = await startServer({ base: '/hs-diary/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/**
 * A screenshot of the whole page. Not Playwright's `fullPage`: that resets the default font size set through
 * DevTools, so the window is made as tall as the page instead.
 * @param {import('playwright-core').Page} page
 * @param {string} path
 */
async function shot(page, path) {
  const heightPx = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: widthPx, height: Math.max(844, heightPx) });
  await page.screenshot({ path });
  // Pages are tall (very tall at large text): also in pieces of 1,400 px, each readable on its own.
  if (heightPx > 1400)
    for (let top = 0, piece = 1; top < heightPx; top += 1400, piece += 1)
      await page.screenshot({
        path: path.replace(/\.png$/, `.${piece}.png`),
        clip: { x: 0, y: top, width: widthPx, height: Math.min(1400, heightPx - top) },
      });
  await page.setViewportSize({ width: widthPx, height: 844 });
}

/** @param {number} offset */
function dateFromToday(offset) {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const PAINS = [2, 3, 5, 7, 8, 6, 4, 3, 2, 2, 1, 3, 4, 6, 9, 7, 5, 4, 3, 2];
/** @type {[string, number][]} */
const SEED_DAYS = PAINS.map((pain, index) => [dateFromToday(-3 - index), pain]);

/**
 * A fresh browser at the chosen size, showing Today.
 * @param {string} locale
 * @param {'light' | 'dark'} colorScheme
 */
async function openFresh(locale, colorScheme) {
  const context = await browser.newContext({
    viewport: { width: widthPx, height: 844 },
    locale,
    colorScheme,
    serviceWorkers: 'block',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('h1');
  // The browser's default font size, as chrome://settings/fonts sets it (rem-sized text follows it). Set once
  // the page shows the app: the first navigation may change renderer, which forgets it.
  if (textPx) {
    const devtools = await context.newCDPSession(page);
    await devtools.send('Page.setFontSizes', { fontSizes: { standard: textPx, fixed: Math.round(textPx * 0.8125) } });
  }
  return { context, page };
}

for (const locale of locales) {
  const zh = locale === 'zh-CN';
  for (const colorScheme of schemes) {
    const { context, page } = await openFresh(locale, colorScheme);
    const tag = `${locale}-${colorScheme}`;
    await shot(page, `${out}today-empty-${tag}.png`);
    // A first visit with pain and drainage chosen: Save is in view, in the sticky bar (the screen as shown).
    await page.getByRole('radio', { name: '4' }).first().check({ force: true });
    await page.locator('input[type=radio][name$=drainage]').nth(1).check({ force: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}today-sticky-save-${tag}.png` });
    await page.reload();
    await page.waitForSelector('h1');
    if (textPx) {
      const devtools = await context.newCDPSession(page);
      await devtools.send('Page.setFontSizes', { fontSizes: { standard: textPx, fixed: Math.round(textPx * 0.8125) } });
    }
    // Dexie creates the database after the first screen (src/lib/db/start-read.ts): seed once it has.
    const hasDatabase = () =>
      page.evaluate(async () =>
        (await indexedDB.databases()).some((db) => db.name === 'hs-diary' && (db.version ?? 0) >= 10),
      );
    while (!(await hasDatabase())) await page.waitForTimeout(50);
    await page.evaluate(async (dates) => {
      const open = indexedDB.open('hs-diary');
      const db = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
      const tx = /** @type {IDBDatabase} */ (db).transaction('days', 'readwrite');
      dates.forEach(([date, pain], index) =>
        tx.objectStore('days').put({
          date,
          pain,
          drainage: pain % 4,
          dressingChanges: 1,
          flare: pain > 6,
          regions: pain > 6 ? ['axilla-left', 'groin-right'] : [],
          interventions: [],
          note: index === 2 ? 'Bad night, new lump under the left arm.' : '',
          updatedAt: Date.now(),
        }),
      );
      await new Promise((resolve) => (tx.oncomplete = resolve));
      // A medicine started before the diary, raised, interrupted for an infection and resumed; one visit.
      const more = /** @type {IDBDatabase} */ (db).transaction(['medications', 'regimenEvents', 'visits'], 'readwrite');
      more.objectStore('medications').put({
        id: 'shot-upa',
        name: 'Upadacitinib',
        presetId: 'upadacitinib',
        drugClass: 'jak1-selective',
        color: '#0072b2',
      });
      const day = (/** @type {number} */ offset) => dates[dates.length - 1 - offset]?.[0] ?? dates[0]?.[0];
      const events = [
        {
          id: 'shot-e1',
          medicationId: 'shot-upa',
          date: day(0),
          kind: 'start',
          dose: { amount: 15, unit: 'mg' },
          frequency: 'once-daily',
        },
        {
          id: 'shot-e2',
          medicationId: 'shot-upa',
          date: day(6),
          kind: 'dose-change',
          dose: { amount: 30, unit: 'mg' },
          frequency: 'once-daily',
        },
        { id: 'shot-e3', medicationId: 'shot-upa', date: day(12), kind: 'interruption', reason: 'infection' },
        {
          id: 'shot-e4',
          medicationId: 'shot-upa',
          date: day(15),
          kind: 'resume',
          dose: { amount: 30, unit: 'mg' },
          frequency: 'once-daily',
        },
      ];
      for (const event of events) more.objectStore('regimenEvents').put(event);
      more.objectStore('visits').put({
        id: 'shot-visit',
        date: day(1),
        ihs4: 12,
        hurley: 'II',
        notes: 'Start upadacitinib 15 mg.',
        questions: 'Can I go swimming? Should I stay on 30 mg?',
      });
      await new Promise((resolve) => (more.oncomplete = resolve));
    }, SEED_DAYS);
    await page.reload();
    await page.waitForSelector('h1');
    // Today's doses card arrives after the first screen, above the form: tap once it is there.
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 2, name: /Doses today|今天的用药/ }).waitFor();
    await page.getByRole('radio', { name: '5' }).first().check({ force: true });
    await page.locator('input[name=flare][value=yes]').check({ force: true });
    await shot(page, `${out}today-form-${tag}.png`);
    // The map is hidden from screen readers (the checklist is their twin of it): found by its text.
    await page.locator(`button:text-is("${zh ? '背面' : 'Back'}")`).click();
    await page.waitForTimeout(200);
    await shot(page, `${out}today-body-back-${tag}.png`);
    await page.goto(`${server.url}#/diary`);
    await page.waitForSelector('table');
    await shot(page, `${out}diary-${tag}.png`);
    // Last month, with logged days and flare marks (this month may have none yet).
    await page.locator('.month-nav a').first().click();
    await page.waitForTimeout(300);
    await shot(page, `${out}diary-last-month-${tag}.png`);
    await page.goto(`${server.url}#/day/${dateFromToday(-5)}`);
    await page.waitForSelector('form');
    await shot(page, `${out}day-${tag}.png`);
    for (const [name, hash] of [
      ['medications', '#/medications'],
      ['trends', '#/trends'],
      ['summary', '#/summary'],
      ['visits', '#/visits'],
    ]) {
      await page.goto(`${server.url}${hash}`);
      await page.waitForSelector('h1');
      await page.waitForTimeout(800);
      await shot(page, `${out}${name}-${tag}.png`);
    }
    // Medicines: a refused delete (the resume needs the interruption) shows beside the entry tapped.
    await page.goto(`${server.url}#/medications`);
    await page.locator('article.medication .timeline li').first().waitFor();
    const interruption = page.locator('article.medication .timeline li').nth(1);
    await interruption.getByRole('button', { name: new RegExp(`^${zh ? '删除' : 'Delete'}`) }).click();
    await page
      .locator('dialog[open]')
      .getByRole('button', { name: zh ? '删除' : 'Delete', exact: true })
      .click();
    await interruption.locator('.problem').waitFor();
    await shot(page, `${out}medications-refused-delete-${tag}.png`);
    await interruption.locator('.problem').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}medications-refused-delete-in-view-${tag}.png` });
    await page.getByRole('button', { name: zh ? '记录一次变化' : 'Record a change', exact: true }).click();
    await page.waitForTimeout(200);
    await shot(page, `${out}medications-record-change-${tag}.png`);
    await page.goto(`${server.url}#/medications`);
    await page.getByRole('button', { name: zh ? '添加药物' : 'Add a medication', exact: true }).click();
    await page.waitForTimeout(200);
    await shot(page, `${out}medications-add-${tag}.png`);
    // At 90 days the event labels are at their most crowded: each must still sit by its own line.
    await page.goto(`${server.url}#/trends`);
    await page.locator('input[type=radio][value="90d"]').check({ force: true });
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}trends-90d-${tag}.png`, fullPage: true });
    // The QR panel (the tests run on 127.0.0.1, so first "show anyway"), then the viewer it links to.
    await page.goto(`${server.url}#/summary`);
    await page.waitForSelector('h1');
    await page.getByRole('button', { name: locale === 'en' ? 'QR code' : '二维码' }).click();
    await page.locator('.unreachable button').click();
    await page.waitForSelector('[data-testid=summary-qr]');
    await shot(page, `${out}summary-qr-${tag}.png`);
    await page.locator('details.technical summary').click();
    await shot(page, `${out}summary-qr-details-${tag}.png`);
    const link = await page.locator('.link input').inputValue();
    await page.goto(link);
    await page.waitForSelector('[data-testid=summary-range]');
    await page.waitForTimeout(300);
    await shot(page, `${out}viewer-${tag}.png`);
    await page.goto(`${server.url}#/v/1.broken`);
    await page.waitForSelector('h1');
    await shot(page, `${out}viewer-broken-${tag}.png`);
    await page.goto(`${server.url}#/settings`);
    await page.waitForSelector('h1');
    await page.waitForTimeout(300);
    await shot(page, `${out}settings-${tag}.png`);
    // A backup of this diary, imported into a fresh browser: the preview's counts, then the result.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: zh ? '立即备份' : 'Back up now', exact: true })
        .first()
        .click(),
    ]);
    const backupPath = await download.path();
    const fresh = await openFresh(locale, colorScheme);
    await fresh.page.goto(`${server.url}#/settings`);
    await fresh.page.waitForSelector('h1');
    const [chooser] = await Promise.all([
      fresh.page.waitForEvent('filechooser'),
      fresh.page.getByRole('button', { name: zh ? '选择备份文件' : 'Choose a backup file', exact: true }).click(),
    ]);
    await chooser.setFiles(backupPath);
    await fresh.page.locator('table').first().waitFor();
    await fresh.page.waitForTimeout(300);
    await shot(fresh.page, `${out}settings-import-preview-${tag}.png`);
    await fresh.page.getByRole('button', { name: zh ? '导入' : 'Import', exact: true }).click();
    await fresh.page.waitForTimeout(800);
    await shot(fresh.page, `${out}settings-imported-${tag}.png`);
    await fresh.context.close();
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`Screenshots in ${out}`);
