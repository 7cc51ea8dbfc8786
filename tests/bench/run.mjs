// @ts-check
/**
 * The HS Diary bench: prints figures, not pass/fail. Run with `npm run bench` (it builds dist/ first).
 *   1. Today budget: gzipped JavaScript the app loads before the Today screen, for a first visit and a
 *      returning patient, and what saving the first day adds, measured in Chromium.
 *   2. Five-year data set: write and read times of the app's real storage code in Chromium.
 *   3. Lighthouse mobile on the built app and on a bare page of the same stack (tests/bench/floor/),
 *      alternately, 5 runs each: the medians side by side and the ratio LCP(app)/LCP(floor).
 *   4. Trends on the five-year data set: the days read, the phase table, the chart series and a real
 *      chart.js render, for one year and for all time, in Chromium.
 *   5. Backup of the five-year data set: export (plain and encrypted), reading it back, importing it into an
 *      empty database (plan + apply), and the file's size, in Chromium.
 *   6. Visit summary for 90 days and one year: the model, the QR code (version, payload bytes, time) and the
 *      PDF in English and Chinese (time, size, pages), in Chromium.
 *   7. Reminder relay: 10,000 reminders due in one minute, pushed to a fake push service, on SQLite and
 *      PostgreSQL (tests/relay/bench.ts, also `npm run bench:relay`).
 * `npm run bench -- 4 6` runs only the sections named. Exits 0 unless section 1, 2, 4, 5, 6 or 7 crashes; a Lighthouse failure is printed and the bench carries on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { CJK_FONT_FILES, CJK_SUBSET_MAX_BYTES, cjkFont } from '../../src/build/cjk-font.mjs';
import { chromiumPath } from '../ensure-chromium.mjs';
import { DIST, startServer } from '../serve.mjs';
import { blockingByThreadCpu } from './trace-blocking.mjs';

const APP_BASE = '/hs-diary/';
const BENCH_BASE = '/bench/';
const BENCH_ROOT = fileURLToPath(new URL('./', import.meta.url));
const BENCH_OUT = fileURLToPath(new URL('../../.bench/storage-bench/', import.meta.url));
const PDF_OUT = fileURLToPath(new URL('../../.bench/summary-pdfs/', import.meta.url));
const BUDGET_BYTES = 60 * 1024;
const VIEWPORT = { width: 390, height: 844 };
const WIDTH = 78;

/** @typedef {import('./browser-entry').DiaryBenchResult} DiaryBenchResult */
/** @typedef {import('./browser-entry').TrendsBenchResult} TrendsBenchResult */
/** @typedef {import('./browser-entry').BackupBenchResult} BackupBenchResult */
/** @typedef {import('./summary-entry').SummaryBenchResult} SummaryBenchResult */
/** @typedef {{ file: string, raw: number, gzip: number }} SizedFile */
/** @typedef {{ before: SizedFile[], save: SizedFile[], after: SizedFile[], missing: string[], readyMs: number }} TodayMeasurement */

// ---------------------------------------------------------------------------------------------- output

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (/** @type {number} */ value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** @param {string} title */
function heading(title) {
  console.log(`\n${title}\n${'─'.repeat(Math.min(WIDTH, title.length))}`);
}

/**
 * A label padded to the left column and values right-aligned in 12-character columns.
 * @param {string} label
 * @param {...string} values
 */
function row(label, ...values) {
  const column = 12;
  const labelWidth = WIDTH - column * Math.max(values.length, 2) - 2;
  const shown = label.length > labelWidth ? `…${label.slice(label.length - labelWidth + 1)}` : label;
  console.log(`  ${shown.padEnd(labelWidth)}${values.map((value) => value.padStart(column)).join('')}`);
}

/** @param {string} text */
const note = (text) => console.log(`  ${text}`);

/** @param {unknown} error */
function describeError(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

// ------------------------------------------------------------------------------------------ sizes

/** @param {string} file a path inside dist/, such as `assets/index-abc.js` */
function sizeOf(file) {
  const body = readFileSync(join(DIST, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** @param {SizedFile[]} files */
const totals = (files) => ({
  raw: files.reduce((sum, file) => sum + file.raw, 0),
  gzip: files.reduce((sum, file) => sum + file.gzip, 0),
});

/** The JavaScript dist/index.html names itself: `<script src>` and `<link rel="modulepreload">`. */
function staticScripts() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  /** @type {string[]} */
  const files = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const isScript = tag.startsWith('<script');
    const isPreload = /\brel="modulepreload"/.test(tag);
    const reference = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isScript || isPreload) && reference) files.push(reference.replace(/^\.\//, ''));
  }
  return [...new Set(files)];
}

/**
 * The JavaScript a dynamic import of `source` needs, from Vite's build manifest (`vite build --manifest`):
 * its own chunk and every chunk it imports statically, transitively. `undefined` without a manifest.
 * @param {string} source a path such as `src/lib/db/index.ts`
 */
function chunkClosure(source) {
  const path = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(path)) return undefined;
  /** @type {Record<string, { file: string, imports?: string[] }>} */
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  /** @type {Set<string>} */
  const files = new Set();
  const visit = (/** @type {string} */ key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(source);
  return [...files];
}

// ------------------------------------------------------------------------------ 1. Today budget

/** The local calendar date `offset` days from now in the page, as YYYY-MM-DD. */
const PAGE_LOCAL_DATE = (/** @type {number} */ offset) => {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/**
 * One patient opening the app and saving a day: the scripts before the first screen, the ones that came
 * between it and the saved day, and the rest. A returning patient logged yesterday (on an earlier page of
 * the same context) and saves today with "Same as yesterday"; a first visit picks pain and drainage.
 * @param {import('playwright-core').Browser} browser
 * @param {{ origin: string, url: string }} server
 * @param {boolean} isReturning
 * @returns {Promise<TodayMeasurement>}
 */
async function measureVisit(browser, server, isReturning) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block', locale: 'en-GB' });
  try {
    if (isReturning) {
      const setup = await context.newPage();
      const yesterday = await setup.evaluate(PAGE_LOCAL_DATE, -1);
      await setup.goto(`${server.url}#/day/${yesterday}`);
      await setup.getByRole('group', { name: 'Worst skin pain in the last 24 hours', exact: true }).waitFor();
      await fillPainAndDrainage(setup);
      await setup.getByRole('button', { name: 'Save day', exact: true }).click();
      await setup.waitForURL((url) => !url.hash.startsWith('#/day/'));
      await setup.close();
    }
    const page = await context.newPage();
    // Every script fetched again, as on a phone that has not kept them (the service worker is blocked too).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // The moments are taken in the page, as the DOM changes: asking from here takes round trips, during
    // which the work kept for after the first screen may already have started.
    await page.addInitScript(WATCH_TODAY, isReturning);

    await page.goto(server.url);
    await page.waitForFunction(() => window.__todayReadyAt !== undefined);
    if (isReturning) await page.getByRole('button', { name: 'Same as yesterday', exact: true }).click();
    else {
      await fillPainAndDrainage(page);
      await page.getByRole('button', { name: 'Save day', exact: true }).click();
    }
    await page.waitForFunction(() => window.__todaySavedAt !== undefined);
    // Whatever comes after the first save is listed for information, not counted.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);

    const { readyMs, savedMs, scripts } = await page.evaluate(() => ({
      readyMs: window.__todayReadyAt ?? 0,
      savedMs: window.__todaySavedAt ?? 0,
      scripts: performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ url: entry.name, startMs: entry.startTime })),
    }));
    /** @type {Map<string, 'before' | 'save' | 'after'>} file in dist/ → when it was asked for */
    const phases = new Map();
    for (const { url, startMs } of scripts) {
      const { origin, pathname } = new URL(url);
      if (origin !== server.origin || !pathname.startsWith(APP_BASE)) continue;
      const file = decodeURIComponent(pathname.slice(APP_BASE.length));
      if (!phases.has(file)) phases.set(file, startMs < readyMs ? 'before' : startMs < savedMs ? 'save' : 'after');
    }
    const sized = (/** @type {'before' | 'save' | 'after'} */ wanted) =>
      [...phases]
        .filter(([file, phase]) => phase === wanted && existsSync(join(DIST, file)))
        .map(([file]) => sizeOf(file));
    const missing = [...phases.keys()].filter((file) => !existsSync(join(DIST, file)));
    return { before: sized('before'), save: sized('save'), after: sized('after'), missing, readyMs };
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page before its scripts: notes when Today is first ready (an h1 and "Save day", and for a
 * returning patient "Same as yesterday") and when "Today is logged" first shows, in page milliseconds.
 * @param {boolean} needsSameAs
 */
function WATCH_TODAY(needsSameAs) {
  const hasButton = (/** @type {string} */ name) =>
    [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === name);
  const check = () => {
    if (window.__todayReadyAt === undefined) {
      const isReady =
        document.querySelector('h1') && hasButton('Save day') && (!needsSameAs || hasButton('Same as yesterday'));
      if (isReady) window.__todayReadyAt = performance.now();
    }
    const isSaved = [...document.querySelectorAll('h2')].some((h2) => h2.textContent?.includes('Today is logged'));
    if (window.__todayReadyAt !== undefined && window.__todaySavedAt === undefined && isSaved)
      window.__todaySavedAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

/** @param {import('playwright-core').Page} page */
async function fillPainAndDrainage(page) {
  await page.getByRole('radio', { name: '3', exact: true }).check();
  await page.getByRole('radio', { name: 'A little: spots on clothing or skin', exact: true }).check();
}

/**
 * @param {import('playwright-core').Browser} browser
 * @returns {Promise<{ firstVisit: TodayMeasurement, returning: TodayMeasurement }>}
 */
async function measureToday(browser) {
  const server = await startServer({ base: APP_BASE });
  try {
    return {
      firstVisit: await measureVisit(browser, server, false),
      returning: await measureVisit(browser, server, true),
    };
  } finally {
    await server.close();
  }
}

/**
 * @param {string} title
 * @param {TodayMeasurement} measured
 */
function printVisit(title, { before, save, after, missing, readyMs }) {
  console.log();
  note(`${title}: Today ready ${Math.round(readyMs)} ms after navigation (local server, no throttling).`);
  console.log();
  row('Before the first screen', 'raw', 'gzip');
  for (const file of before) row(file.file, kb(file.raw), kb(file.gzip));
  const total = totals(before);
  row(`Total (${before.length} files)`, kb(total.raw), kb(total.gzip));
  row('Budget', '', kb(BUDGET_BYTES));
  const margin = BUDGET_BYTES - total.gzip;
  row(margin >= 0 ? 'Under budget by' : 'OVER budget by', '', kb(Math.abs(margin)));
  note(`(${((total.gzip / BUDGET_BYTES) * 100).toFixed(0)}% of the budget)`);
  if (missing.length > 0) note(`Scripts not found in dist/ (not counted): ${missing.join(', ')}`);

  // Saving needs the database module (Dexie and the repositories), loaded after the first screen.
  const saveNeeds = chunkClosure('src/lib/db/index.ts');
  const firstScreenFiles = new Set(before.map((file) => file.file));
  const savePath = (saveNeeds ?? []).filter((file) => !firstScreenFiles.has(file)).map(sizeOf);
  const shownAndSaved = totals([...before, ...savePath]);
  console.log();
  if (saveNeeds) {
    note('Saving the first day also needs (the database module and its imports, from the build manifest):');
    for (const file of savePath) row(file.file, kb(file.raw), kb(file.gzip));
    row('Today shown and a day saved', kb(shownAndSaved.raw), kb(shownAndSaved.gzip));
  } else note('No build manifest (dist/.vite/manifest.json): run `npm run bench` to see what a save needs.');
  const savePathNames = new Set(savePath.map((file) => file.file));
  const alsoLoaded = save.filter((file) => !savePathNames.has(file.file));
  if (alsoLoaded.length > 0) {
    console.log();
    note('Also loaded before the save was shown (idle work that started after the first screen; not counted):');
    for (const file of alsoLoaded) row(file.file, kb(file.raw), kb(file.gzip));
  }

  if (after.length > 0) {
    console.log();
    note('Loaded after the first save (not counted):');
    for (const file of after) row(file.file, kb(file.raw), kb(file.gzip));
  }
  return { gzip: total.gzip, margin, shownAndSavedGzip: shownAndSaved.gzip };
}

/**
 * @param {{ firstVisit: TodayMeasurement, returning: TodayMeasurement }} measured
 * @param {string} browserVersion
 */
function printToday({ firstVisit, returning }, browserVersion) {
  heading('1. Today budget: JavaScript loaded before the first screen');
  note(
    `Chromium ${browserVersion}, ${VIEWPORT.width}×${VIEWPORT.height}, service worker blocked, HTTP cache off, gzip level 9 of dist/.`,
  );
  const first = printVisit('First visit (no diary yet)', firstVisit);
  const back = printVisit('Returning patient (yesterday logged; "Same as yesterday")', returning);

  const declared = staticScripts().map(sizeOf);
  const declaredTotal = totals(declared);
  console.log();
  note('Static view: JavaScript named by dist/index.html (script src + modulepreload):');
  for (const file of declared) row(file.file, kb(file.raw), kb(file.gzip));
  row(`Total (${declared.length} files)`, kb(declaredTotal.raw), kb(declaredTotal.gzip));
  const measuredNames = new Set(returning.before.map((file) => file.file));
  const declaredNames = new Set(declared.map((file) => file.file));
  const onlyMeasured = [...measuredNames].filter((file) => !declaredNames.has(file));
  const onlyDeclared = [...declaredNames].filter((file) => !measuredNames.has(file));
  if (onlyMeasured.length === 0 && onlyDeclared.length === 0) note('Same files as measured for a returning patient.');
  if (onlyMeasured.length > 0) note(`Loaded but not named in index.html: ${onlyMeasured.join(', ')}`);
  if (onlyDeclared.length > 0) note(`Named in index.html but not loaded before Today: ${onlyDeclared.join(', ')}`);
  // The budget is held to the heavier of the two first screens.
  return first.gzip >= back.gzip ? first : back;
}

// ------------------------------------------------------------------------------ 2. Storage

/** @type {Promise<unknown> | undefined} */
let benchBuild;

/** Bundle the bench page (the app's real code, Svelte runes included) once for sections 2, 4, 5 and 6. */
function buildBenchPage() {
  benchBuild ??= build({
    configFile: false,
    envDir: false,
    plugins: [svelte({ configFile: false }), cjkFont()],
    root: BENCH_ROOT,
    base: BENCH_BASE,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: BENCH_OUT,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      // The bench page bundles pdf-lib and chart.js together; its size is not what the app ships.
      chunkSizeWarningLimit: 4096,
    },
  });
  return benchBuild;
}

/**
 * Open the bench page in a fresh context of `browser` and run one of its `window.run…Bench()` functions.
 * @template {'runDiaryBench' | 'runTrendsBench' | 'runBackupBench' | 'runSummaryBench'} Name
 * @param {import('playwright-core').Browser} browser
 * @param {Name} name
 * @returns {Promise<Awaited<ReturnType<Window[Name]>>>}
 */
async function runInBenchPage(browser, name) {
  await buildBenchPage();
  const server = await startServer({ root: BENCH_OUT, base: BENCH_BASE });
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    /** @type {string[]} */
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction((bench) => typeof window[bench] === 'function', name);
    try {
      /** @type {unknown} */
      const result = await page.evaluate((bench) => /** @type {Promise<unknown>} */ (window[bench]()), name);
      return /** @type {Awaited<ReturnType<Window[Name]>>} */ (result);
    } catch (error) {
      if (pageErrors.length > 0) throw new Error(`${describeError(error)}\npage errors: ${pageErrors.join('; ')}`);
      throw error;
    }
  } finally {
    await context.close();
    await server.close();
  }
}

/** @param {import('playwright-core').Browser} browser */
const measureStorage = (browser) => runInBenchPage(browser, 'runDiaryBench');

/** @param {DiaryBenchResult} result */
function printStorage(result) {
  heading('2. Five-year data set: the app’s storage code in Chromium (IndexedDB via Dexie)');
  note(`generateDiary({ years: 5, endDate: '2026-11-26', seed: 42 }), ${result.generatedRows} days.`);
  console.log();
  row('Rows generated', String(result.generatedRows), ms(result.generateMs));
  row('Rows written (count after the bulk write)', String(result.rowsWritten));
  row('Write all, one bulkPut transaction', ms(result.bulkPutMs));
  row('  per day', ms(result.bulkPutPerDayMs));
  row(`saveDay one by one (${result.saveDaySample} days, validated)`, ms(result.saveDayTotalMs));
  row('  per day', ms(result.saveDayPerDayMs));
  note(`Read one year: listDays(db, '${result.readFrom}', '${result.readTo}'), validated`);
  row('  median of 5 runs', ms(result.readMedianMs));
  row('  rows read', String(result.rowsRead));
  note(`    (runs: ${result.readRunsMs.map((value) => value.toFixed(1)).join(' / ')} ms)`);
}

// ------------------------------------------------------------------------------ 4. Trends (after 3)

/** @param {import('playwright-core').Browser} browser */
const measureTrends = (browser) => runInBenchPage(browser, 'runTrendsBench');

/** @param {TrendsBenchResult} result */
function printTrends(result) {
  heading('4. Trends: opening the screen on the five-year data set (the app’s code in Chromium)');
  note(
    `Same diary as section 2; ${result.medications} medications, ${result.events} events, ${result.phases} phases, ${result.doseLogs} dose logs.`,
  );
  note('Medians of 5 runs. The chart is chart.js on a 358×352 canvas (a phone’s Trends card), animation off.');
  note('The screen reads the chart’s days and the phase table’s days separately, so the chart does not wait.');
  console.log();
  row('Read the chart’s days (one year)', `${result.chartRows} rows`, ms(result.chartReadMs));
  note(`  ${result.chartFrom} … ${result.chartTo}; indexing them by date: ${ms(result.chartIndexMs)}`);
  row('Read the phase table’s days', `${result.phaseRows} rows`, ms(result.phaseReadMs));
  note(`  ${result.phaseFrom} … ${result.phaseTo}; indexing them by date: ${ms(result.phaseIndexMs)}`);
  row('Compute the phase table', '', ms(result.phaseTableMs));
  note(
    `  measurePhases + change sentences, all medications (runs: ${result.phaseTableRunsMs.map((value) => value.toFixed(1)).join(' / ')} ms)`,
  );
  row('Read all time (serves chart and table)', `${result.allRows} rows`, ms(result.allReadMs));
  console.log();
  row('Chart', 'days', 'points', 'series', 'render');
  for (const [label, figures] of /** @type {const} */ ([
    ['One year', result.oneYear],
    ['All time', result.allTime],
  ])) {
    row(
      `${label} (${figures.resolution})`,
      String(figures.days),
      String(figures.points),
      ms(figures.buildMs),
      ms(figures.renderMs),
    );
  }
  note(
    `  events / interruption bands drawn: one year ${result.oneYear.markers} / ${result.oneYear.bands}, all time ${result.allTime.markers} / ${result.allTime.bands}`,
  );
  const oneYearChart = result.chartReadMs + result.chartIndexMs + result.oneYear.buildMs + result.oneYear.renderMs;
  const phaseTable = result.phaseReadMs + result.phaseIndexMs + result.phaseTableMs;
  const allTimeChart = result.allReadMs + result.allIndexMs + result.allTime.buildMs + result.allTime.renderMs;
  console.log();
  note('Open Trends (read + index + series + render; the phase table loads alongside):');
  row('  one year: chart drawn', ms(oneYearChart));
  row('  one year: phase table ready', ms(phaseTable));
  row('  all time: chart drawn', ms(allTimeChart));
  row('  all time: phase table ready (same read)', ms(result.allReadMs + result.allIndexMs + result.phaseTableMs));
  note('Not counted: Svelte drawing the tables, and fetching the chart chunk (cached after the first visit).');
  return { oneYearChart, phaseTable, allTimeChart };
}

// ----------------------------------------------------------------------------- 6. Visit summary

/** @param {number | null} version */
const qrVersionText = (version) => (version === null ? 'none fits' : `v${version}`);

/** @param {SummaryBenchResult} result */
function printSummary(result) {
  heading('6. Visit summary: model, QR code and PDF for 90 days and one year (the app’s code in Chromium)');
  note(
    `Same diary as section 2 (${result.days} days), ${result.events} regimen events, ${result.doseLogs} dose logs, one visit.`,
  );
  note('Medians of 5 runs (3 for PDFs), after one unmeasured run; the QR limit the app allows is version 20.');
  console.log();
  const [first, second] = result.ranges;
  if (!first || !second) throw new Error('the summary bench returned fewer than two ranges');
  row('', first.label, second.label);
  row('Summary model (source + model, daily values)', ms(first.modelMs), ms(second.modelMs));
  row('QR: link (range-coded pack + digits) and modules', ms(first.qrMs), ms(second.qrMs));
  row('  QR version (error correction M)', qrVersionText(first.qrVersion), qrVersionText(second.qrVersion));
  row('    goal (issue 14, item 5)', 'v10', 'v17');
  row(
    '    links before layout 3 (deflated, digits)',
    qrVersionText(first.layout2QrVersion),
    qrVersionText(second.layout2QrVersion),
  );
  row(
    '    older links (base64url, byte mode)',
    qrVersionText(first.base64urlQrVersion),
    qrVersionText(second.base64urlQrVersion),
  );
  row('  values carried', first.resolution, second.resolution);
  row('  payload, layout 3 (range-coded)', `${first.payloadBytes} B`, `${second.payloadBytes} B`);
  row('    layout 2 (deflated)', `${first.layout2PayloadBytes} B`, `${second.layout2PayloadBytes} B`);
  row('  whole link, address included', `${first.urlBytes} B`, `${second.urlBytes} B`);
  row('PDF, English (words + layout + save)', ms(first.pdfEnglish.ms), ms(second.pdfEnglish.ms));
  row(
    '  size, pages',
    `${kb(first.pdfEnglish.bytes)}, ${first.pdfEnglish.pages}`,
    `${kb(second.pdfEnglish.bytes)}, ${second.pdfEnglish.pages}`,
  );
  row('PDF, Chinese (font cached; subset embedded)', ms(first.pdfChinese.ms), ms(second.pdfChinese.ms));
  row(
    '  size, pages',
    `${kb(first.pdfChinese.bytes)}, ${first.pdfChinese.pages}`,
    `${kb(second.pdfChinese.bytes)}, ${second.pdfChinese.pages}`,
  );
  row('First Chinese PDF (font fetched; 90 days)', ms(result.chineseFirstPdfMs));
  printCjkFont();
  mkdirSync(PDF_OUT, { recursive: true });
  for (const range of result.ranges) {
    const name = range.label.replace(' ', '-');
    writeFileSync(join(PDF_OUT, `summary-${name}-en.pdf`), Buffer.from(range.pdfEnglish.base64, 'base64'));
    writeFileSync(join(PDF_OUT, `summary-${name}-zh.pdf`), Buffer.from(range.pdfChinese.base64, 'base64'));
  }
  note(`The PDFs are in ${PDF_OUT} (look at them: pdftoppm -png -r 80 <file> <prefix>).`);
  return result;
}

/** The Chinese PDF font as the app ships it: the subset every Chinese user caches, and the full font. */
function printCjkFont() {
  /** @type {{ files: string[] }} */
  const list = JSON.parse(readFileSync(join(DIST, CJK_FONT_FILES), 'utf8'));
  const subset = list.files.find((file) => file.endsWith('.ttf'));
  const full = readdirSync(join(DIST, 'assets')).find((file) => file.startsWith('NotoSansSC_400Regular'));
  console.log();
  if (!subset) throw new Error(`${CJK_FONT_FILES} names no font`);
  const sized = sizeOf(subset);
  const limit = `(≤ ${(CJK_SUBSET_MAX_BYTES / 1e6).toFixed(1)} MB)`;
  row('Chinese font subset (cached once used in Chinese)', `${(sized.raw / 1e6).toFixed(2)} MB`, limit);
  row('  gzip, as sent', `${(sized.gzip / 1e6).toFixed(2)} MB`);
  if (full)
    row('Full font (only for a note the subset lacks)', `${(sizeOf(`assets/${full}`).raw / 1e6).toFixed(2)} MB`);
  const cachedTotal = list.files.reduce((total, file) => total + sizeOf(file).raw, 0);
  row('  cached for offline PDFs (subset + fontkit)', `${(cachedTotal / 1e6).toFixed(2)} MB`);
}

/** @param {import('playwright-core').Browser} browser */
const measureSummary = (browser) => runInBenchPage(browser, 'runSummaryBench');

// ------------------------------------------------------------------------------ 5. Backup (after 4)

/** @param {import('playwright-core').Browser} browser */
const measureBackup = (browser) => runInBenchPage(browser, 'runBackupBench');

/** @param {BackupBenchResult} result */
function printBackup(result) {
  heading('5. Backup: the five-year data set exported and imported (the app’s code in Chromium)');
  note(`Same diary as section 2 (${result.days} days), ${result.medications} medications, ${result.events} events.`);
  note('Medians of 5 runs (3 for the encrypted ones); PBKDF2-SHA256 at 600,000 iterations, AES-GCM 256.');
  console.log();
  row('Export, plain (read every table, validate, JSON)', ms(result.exportPlainMs));
  row('Export, encrypted (the same, then key + AES-GCM)', ms(result.exportEncryptedMs));
  row('Read back, plain (parse, validate every row)', ms(result.readPlainMs));
  row('Read back, encrypted (key, decrypt, validate)', ms(result.readEncryptedMs));
  note('Import into an empty database:');
  row('  preview (read what is there, plan)', ms(result.previewMs));
  row('  apply (one transaction: read, plan again, write)', ms(result.applyMs));
  console.log();
  row('Backup file', 'raw', 'gzip');
  row('  plain JSON', kb(result.rawBytes), kb(result.gzipBytes));
  row('  encrypted (base64 inside JSON)', kb(result.encryptedBytes));
  return result;
}

// ------------------------------------------------------------------------------ 3. Lighthouse

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @typedef {{ performance: number | null, accessibility: number | null, bestPractices: number | null }} Scores
 * @typedef {{ scores: Scores, fcp: number, lcp: number, tbt: number, cpuTbt: number, cls: number, si: number,
 *   longTasks: { url: string, startMs: number, durationMs: number }[], failing: string[], notes: string[] }} LighthouseRun
 * @typedef {{ app: Scores, ratio: number, appTbt: number }} LighthouseSummary
 */

const FLOOR_ROOT = fileURLToPath(new URL('./floor/', import.meta.url));
const FLOOR_OUT = fileURLToPath(new URL('../../.bench/floor/', import.meta.url));
const FLOOR_BASE = '/floor/';
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);

/** The floor: a bare Svelte 5 + Dexie form (tests/bench/floor/), built as Vite builds the app. */
function buildFloor() {
  return build({
    configFile: false,
    envDir: false,
    plugins: [svelte({ configFile: false })],
    root: FLOOR_ROOT,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: { outDir: FLOOR_OUT, emptyOutDir: true, target: 'es2022' },
  });
}

/**
 * One Lighthouse run (default mobile config, simulated throttling) in a Chromium of its own.
 * @param {string} url
 * @returns {Promise<LighthouseRun>}
 */
async function lighthouseOnce(url) {
  const chromePath = chromiumPath();
  // chrome-launcher reports a missing binary as an uncaught 'error' event, so check first.
  if (!existsSync(chromePath)) throw new Error(`No Chromium at ${chromePath} (set CHROME_PATH).`);
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      formFactor: 'mobile',
      logLevel: 'error',
    });
    if (!result) throw new Error('Lighthouse returned no result.');
    const { lhr } = result;
    const score = (/** @type {string} */ id) => {
      const value = lhr.categories[id]?.score;
      return typeof value === 'number' ? Math.round(value * 100) : null;
    };
    const value = (/** @type {string} */ id) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const longTasks = /** @type {{ items?: { url?: string, startTime?: number, duration?: number }[] } | undefined} */ (
      lhr.audits['long-tasks']?.details
    );
    /** @type {string[]} */
    const failing = [];
    for (const id of ['accessibility', 'best-practices']) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (
          audit &&
          (audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric') &&
          audit.score !== null &&
          audit.score < 0.9
        )
          failing.push(`${audit.title} (${audit.id})`);
      }
    }
    return {
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
      },
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cpuTbt: blockingByThreadCpu(/** @type {any} */ (result.artifacts).Trace).blockingMs,
      cls: value('cumulative-layout-shift'),
      si: value('speed-index'),
      longTasks: (longTasks?.items ?? []).map((item) => ({
        url: String(item.url ?? ''),
        startMs: item.startTime ?? 0,
        durationMs: item.duration ?? 0,
      })),
      failing,
      notes: [
        `Lighthouse ${lhr.lighthouseVersion} · ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? ''}`,
        ...(lhr.runtimeError ? [`Runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`] : []),
        ...lhr.runWarnings.map((warning) => `Warning: ${warning}`),
      ],
    };
  } finally {
    chrome.kill();
  }
}

/** @param {number[]} values */
function median(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The machine's load average over the last minute, as Node sees it: the figures are only as quiet as it. */
const loadAverage = () => os.loadavg()[0]?.toFixed(2) ?? '?';

/**
 * Lighthouse on the floor and on the app, alternately, `LIGHTHOUSE_RUNS` times each, both served by
 * tests/serve.mjs (compressed as a host does): the medians side by side and the ratio LCP(app)/LCP(floor).
 * Alternating keeps a busy moment of the machine from landing on one page only.
 * @returns {Promise<LighthouseSummary>}
 */
async function runLighthouse() {
  heading(`3. Lighthouse (mobile, simulated throttling), app against the floor, ${LIGHTHOUSE_RUNS} runs each`);
  await buildFloor();
  const appServer = await startServer({ base: APP_BASE });
  const floorServer = await startServer({ root: FLOOR_OUT, base: FLOOR_BASE });
  /** @type {LighthouseRun[]} */
  const appRuns = [];
  /** @type {LighthouseRun[]} */
  const floorRuns = [];
  const loads = [loadAverage()];
  try {
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      floorRuns.push(await lighthouseOnce(floorServer.url));
      appRuns.push(await lighthouseOnce(appServer.url));
      loads.push(loadAverage());
    }
  } finally {
    await appServer.close();
    await floorServer.close();
  }
  note(`${appServer.url} against ${floorServer.url} · ${appRuns[0]?.notes[0] ?? ''}`);
  note(`Load average (1 min) before and after each pair: ${loads.join(', ')} on ${os.cpus().length} cores.`);
  for (const line of new Set([...appRuns, ...floorRuns].flatMap((run) => run.notes.slice(1)))) note(line);

  const pick = (/** @type {LighthouseRun[]} */ runs, /** @type {(run: LighthouseRun) => number | null} */ get) =>
    median(runs.map((run) => get(run) ?? Number.NaN));
  /** @type {[string, (run: LighthouseRun) => number | null, (value: number) => string][]} */
  const metrics = [
    ['Performance', (run) => run.scores.performance, (value) => value.toFixed(0)],
    ['Accessibility', (run) => run.scores.accessibility, (value) => value.toFixed(0)],
    ['Best practices', (run) => run.scores.bestPractices, (value) => value.toFixed(0)],
    ['First Contentful Paint', (run) => run.fcp, (value) => `${value.toFixed(0)} ms`],
    ['Largest Contentful Paint', (run) => run.lcp, (value) => `${value.toFixed(0)} ms`],
    ['Total Blocking Time', (run) => run.tbt, (value) => `${value.toFixed(0)} ms`],
    ['  the same, by thread CPU', (run) => run.cpuTbt, (value) => `${value.toFixed(0)} ms`],
    ['Cumulative Layout Shift', (run) => run.cls, (value) => value.toFixed(3)],
    ['Speed Index', (run) => run.si, (value) => `${value.toFixed(0)} ms`],
  ];
  console.log();
  row('Median', 'app', 'floor', 'app/floor');
  for (const [label, get, show] of metrics) {
    const app = pick(appRuns, get);
    const floor = pick(floorRuns, get);
    row(label, show(app), show(floor), floor > 0 ? (app / floor).toFixed(2) : '');
  }
  const ratio = pick(appRuns, (run) => run.lcp) / pick(floorRuns, (run) => run.lcp);
  const appTbt = pick(appRuns, (run) => run.tbt);
  console.log();
  note(
    `App LCP by run: ${appRuns.map((run) => run.lcp.toFixed(0)).join(', ')} ms; floor: ${floorRuns.map((run) => run.lcp.toFixed(0)).join(', ')} ms.`,
  );
  note(
    `App TBT by run: ${appRuns.map((run) => run.tbt.toFixed(0)).join(', ')} ms; floor: ${floorRuns.map((run) => run.tbt.toFixed(0)).join(', ')} ms.`,
  );
  note(
    `By thread CPU (tests/bench/trace-blocking.mjs: the time a busy machine kept the main thread waiting left out): app ${appRuns.map((run) => run.cpuTbt.toFixed(0)).join(', ')} ms; floor: ${floorRuns.map((run) => run.cpuTbt.toFixed(0)).join(', ')} ms.`,
  );
  note(
    `Goals: LCP ratio ${ratio.toFixed(2)} (at most 1.10), TBT ${appTbt.toFixed(0)} ms (at most 50), performance ${pick(appRuns, (run) => run.scores.performance)} (98 or more).`,
  );

  // The app run whose TBT is the median: its long tasks (observed, before the 4x slowdown is simulated).
  const typical = [...appRuns].sort((a, b) => a.tbt - b.tbt)[Math.floor(appRuns.length / 2)];
  if (typical && typical.longTasks.length > 0) {
    note('Long tasks of the median-TBT app run (observed):');
    for (const task of typical.longTasks.slice(0, 6))
      note(
        `  ${task.durationMs.toFixed(0).padStart(5)} ms at ${task.startMs.toFixed(0)} ms  ${task.url.replace(/.*\/assets\//, '')}`,
      );
  }
  const failing = new Set(appRuns.flatMap((run) => run.failing));
  console.log();
  if (failing.size === 0) note('Accessibility and best practices: no failing audits.');
  else {
    note('Accessibility and best practices: failing audits to fix:');
    for (const audit of failing) note(`  ✗ ${audit}`);
  }
  const app = {
    performance: pick(appRuns, (run) => run.scores.performance),
    accessibility: pick(appRuns, (run) => run.scores.accessibility),
    bestPractices: pick(appRuns, (run) => run.scores.bestPractices),
  };
  return { app, ratio, appTbt };
}

// ---------------------------------------------------------------------------------------------- main

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`No build in ${resolve(DIST)}: run "npm run build" first (npm run bench does).`);
  process.exit(1);
}

console.log('HS Diary bench');
console.log('═'.repeat(WIDTH));
console.log(`${new Date().toISOString()} · Node ${process.version} · ${chromiumPath()}`);

/** @type {string[]} */
const failures = [];
/** @type {{ gzip: number, margin: number, shownAndSavedGzip: number } | undefined} */
let today;
/** @type {DiaryBenchResult | undefined} */
let storage;
/** @type {LighthouseSummary | undefined} */
let scores;
/** @type {{ oneYearChart: number, phaseTable: number, allTimeChart: number } | undefined} */
let trends;
/** @type {BackupBenchResult | undefined} */
let backup;
/** @type {SummaryBenchResult | undefined} */
let summaryBench;

/** Sections named on the command line (`npm run bench -- 4 6`), or all of them. */
const wanted = new Set(process.argv.slice(2).map(Number));
const isWanted = (/** @type {number} */ number) => wanted.size === 0 || wanted.has(number);

/**
 * Run one section in a Chromium of its own; a crash is printed and counted, and the bench carries on.
 * @param {number} number
 * @param {string} name
 * @param {(browser: import('playwright-core').Browser) => Promise<void>} work
 */
async function section(number, name, work) {
  if (!isWanted(number)) return;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    await work(browser);
  } catch (error) {
    failures.push(name);
    heading(`${number}. ${name}: FAILED`);
    console.error(describeError(error));
  } finally {
    await browser.close();
  }
}

await section(1, 'Today budget', async (browser) => {
  today = printToday(await measureToday(browser), browser.version());
});
await section(2, 'Five-year data set', async (browser) => {
  storage = await measureStorage(browser);
  printStorage(storage);
});
if (isWanted(3)) {
  try {
    scores = await runLighthouse();
  } catch (error) {
    note('Lighthouse could not run; the other figures stand.');
    console.error(describeError(error));
  }
}
await section(4, 'Trends', async (browser) => {
  trends = printTrends(await measureTrends(browser));
});
await section(5, 'Backup', async (browser) => {
  backup = printBackup(await measureBackup(browser));
});
await section(6, 'Visit summary', async (browser) => {
  summaryBench = printSummary(await measureSummary(browser));
});
if (isWanted(7)) {
  try {
    execFileSync('npx', ['tsx', 'tests/relay/bench.ts'], { stdio: 'inherit' });
  } catch (error) {
    failures.push('Reminder relay');
    console.error(describeError(error));
  }
}

const summary = [
  today
    ? `Today JS ${kb(today.gzip)} gz (${kb(Math.abs(today.margin))} ${today.margin >= 0 ? 'under' : 'OVER'} 60 KB; with a save ${kb(today.shownAndSavedGzip)})`
    : 'Today JS n/a',
  storage
    ? `5 y: ${storage.rowsWritten} rows written in ${ms(storage.bulkPutMs)}, saveDay ${ms(storage.saveDayPerDayMs)}/day, 1 y read ${ms(storage.readMedianMs)} (${storage.rowsRead} rows)`
    : '5 y n/a',
  trends
    ? `Trends chart 1 y ${ms(trends.oneYearChart)}, all ${ms(trends.allTimeChart)}, phase table ${ms(trends.phaseTable)}`
    : 'Trends n/a',
  backup
    ? `Backup ${kb(backup.rawBytes)} (${kb(backup.gzipBytes)} gz), export ${ms(backup.exportPlainMs)}, import ${ms(backup.previewMs + backup.applyMs)}`
    : 'Backup n/a',
  summaryBench
    ? `Summary 1 y: QR ${qrVersionText(summaryBench.ranges[1]?.qrVersion ?? null)} (${summaryBench.ranges[1]?.payloadBytes} B) in ${ms(summaryBench.ranges[1]?.qrMs ?? 0)}, PDF en ${ms(summaryBench.ranges[1]?.pdfEnglish.ms ?? 0)} / zh ${ms(summaryBench.ranges[1]?.pdfChinese.ms ?? 0)}`
    : 'Summary n/a',
  scores
    ? `Lighthouse medians P ${scores.app.performance} / A ${scores.app.accessibility} / BP ${scores.app.bestPractices}, TBT ${scores.appTbt.toFixed(0)} ms, LCP app/floor ${scores.ratio.toFixed(2)}`
    : 'Lighthouse n/a',
];
console.log(`\n${'═'.repeat(WIDTH)}`);
console.log(`Summary: ${summary.join(' · ')}`);
if (failures.length > 0) {
  console.error(`Bench sections that crashed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
