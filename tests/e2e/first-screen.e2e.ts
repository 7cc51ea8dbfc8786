/**
 * Today's first screen for a returning patient. It is drawn from the diary before Dexie has loaded
 * (db/start-read.ts): the last entry is there to copy at once, and the save waits for Dexie instead of
 * failing. What arrives after it (today's doses) takes the space kept for it and moves nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DIST } from '../serve.mjs';
import { HsDiary } from './page-models/hs-diary';
import { TodayDoses, writeMedications } from './page-models/reminders';
import {
  gotoApp,
  layoutShiftOf,
  localDate,
  readStoredDays,
  readStoredSettings,
  useE2E,
  watchLayoutShift,
} from './support';

const e2e = useE2E();

/** Dexie's bundle, told by a string of its own (the event it broadcasts to other tabs). */
const isDexie = (body: string) => body.includes('storagemutated');

describe('the first screen without Dexie', () => {
  test('shows the saved diary while Dexie is held back, then saves once it arrives', async () => {
    // Service workers blocked, so every script request goes through the route below.
    const { context, page } = await e2e.open('#/', { serviceWorkers: 'block' });
    const first = new HsDiary(page, e2e.url);
    const yesterday = localDate(-1);
    await first.day(yesterday).log(6, 2);
    await first.navLink('settings').click();
    await first.settings.heading.waitFor();
    await first.settings.language('zh-CN').check();
    await expect.poll(async () => (await readStoredSettings(page)).locale).toBe('zh-CN');
    await page.close();

    let releaseDexie: () => void = () => undefined;
    const dexieReleased = new Promise<void>((resolve) => (releaseDexie = resolve));
    let dexieRequested = false;
    await context.route(/\/assets\/.*\.js$/, async (route: Route) => {
      // The Chinese font's modules load in the background; one still in flight when the test closes the
      // context has nobody to answer (Playwright rejects with "Request context disposed").
      const response = await route.fetch().catch(() => null);
      // Disposed with its context too, if the test ends while the body is read.
      const body = await response?.text().catch(() => null);
      if (!response || body == null) return;
      if (isDexie(body)) {
        dexieRequested = true;
        await dexieReleased;
      }
      await route.fulfill({ response, body }).catch(() => undefined);
    });

    const returning = await context.newPage();
    const app = new HsDiary(returning, e2e.url, 'zh-CN');
    await gotoApp(returning, e2e.url);
    // Drawn from the start-up read: the saved language, and yesterday's entry to copy.
    await app.today.heading.waitFor();
    await app.today.sameAsYesterday.waitFor();
    await expect(returning.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    expect(await returning.getByText(app.t.today.sameAsHint(6, app.t.form.drainageShort[2] ?? '')).count()).toBe(1);

    // The one-tap save asks for Dexie; it waits for it rather than failing.
    await app.today.sameAsYesterday.click();
    await expect.poll(() => dexieRequested).toBe(true);
    expect(await app.today.savedHeading.count()).toBe(0);
    releaseDexie();
    await app.today.savedHeading.waitFor();
    expect(await app.today.savedPain()).toBe(6);
    const stored = await readStoredDays(returning);
    expect(stored.map(({ date, pain, drainage }) => [date, pain, drainage]).sort()).toEqual([
      [yesterday, 6, 2],
      [localDate(0), 6, 2],
    ]);
  });

  test('a daily medicine: its doses card arrives in the space it had last time, moving nothing', async () => {
    const { context, page } = await e2e.open('#/', { serviceWorkers: 'block' });
    await writeMedications(
      page,
      [{ id: 'upa', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' }],
      [
        {
          id: 'upa-start',
          medicationId: 'upa',
          date: localDate(-30),
          kind: 'start',
          dose: { amount: 15, unit: 'mg' },
          frequency: 'once-daily',
        },
      ],
    );
    const app = new HsDiary(page, e2e.url);
    const doses = new TodayDoses(app);
    // The visit that learns the card's height.
    await app.reload();
    await doses.card.waitFor();
    await expect.poll(() => page.getByTestId('doses-space').evaluate((space) => space.style.minHeight)).toBe('');
    await page.close();

    const returning = await context.newPage();
    const back = new HsDiary(returning, e2e.url);
    await gotoApp(returning, e2e.url);
    await watchLayoutShift(returning);
    await back.form.save.waitFor();
    // Until the doses are known, their space is kept (a stand-in card of the height they had).
    await new TodayDoses(back).card.waitFor();
    await expect.poll(() => returning.getByTestId('doses-space').evaluate((space) => space.style.minHeight)).toBe('');
    await returning.waitForLoadState('networkidle');
    expect(await layoutShiftOf(returning)).toBeLessThan(0.05);
  });
});

/**
 * Notes in the page, as the DOM changes, when Today's heading and its save button are first there, and how
 * many manifest links the page had then.
 */
function watchTodayDrawn(): void {
  const done = () => document.querySelector('h1') && document.querySelector('form button[type="submit"]');
  new MutationObserver((_records, observer) => {
    if (!done()) return;
    const page = window as unknown as { __todayDrawnAt?: number; __manifestLinksWhenDrawn?: number };
    page.__todayDrawnAt = performance.now();
    page.__manifestLinksWhenDrawn = document.querySelectorAll('link[rel="manifest"]').length;
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

/** The files in assets/ the page asked for before Today was drawn, by the time each request started. */
async function assetsBeforeToday(page: Page): Promise<string[]> {
  await page.waitForFunction(() => (window as unknown as { __todayDrawnAt?: number }).__todayDrawnAt !== undefined);
  return page.evaluate(() => {
    const drawnAt = (window as unknown as { __todayDrawnAt: number }).__todayDrawnAt;
    return performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime < drawnAt && new URL(entry.name).pathname.includes('/assets/'))
      .map((entry) => new URL(entry.name).pathname.replace(/.*\/assets\//, 'assets/'));
  });
}

/** How long a returning patient's test holds back each file the HTML does not name. */
const HELD_BACK_MS = 1000;

/** zod's code, told by a string of its own (the name of its error class), in a built file. */
const holdsZod = (file: string) => readFileSync(join(DIST, file), 'utf8').includes('$ZodError');

/** V8's explicit compile hint (vite.config.ts `compileHints`). */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

describe('the critical path to Today', () => {
  /** What the built index.html names: its scripts, module preloads and stylesheets. */
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const named = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/^\.\//, ''));
  const scripts = named(/<script\b[^>]*\bsrc="([^"]+)"/g);
  const preloads = named(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g);
  const stylesheets = named(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);

  test('the HTML names one script and one stylesheet, and nothing to preload: both languages are in the script', () => {
    expect(scripts).toHaveLength(1);
    expect(stylesheets).toHaveLength(1);
    // The core messages were two preloaded files: two more connections on the way to the first paint.
    expect(preloads).toEqual([]);
    // No other request either: the favicon is in the HTML.
    expect(html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
  });

  test('a first visit fetches only what the HTML names before Today, and no zod: there is no diary to check', async () => {
    // Service workers blocked, as on a first visit: nothing is cached yet.
    const context = await e2e.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(watchTodayDrawn);
    await page.goto(e2e.url);
    const fetched = await assetsBeforeToday(page);
    expect(fetched.filter((file) => !file.endsWith('.css')).sort()).toEqual([...scripts, ...preloads].sort());
    expect(fetched.filter((file) => file.endsWith('.css'))).toEqual(stylesheets);
    expect(fetched.filter((file) => file.endsWith('.js') && holdsZod(file))).toEqual([]);
  });

  test('the app links its manifest once Today is up, not in the HTML: its requests wait for the first screen', async () => {
    expect(html).not.toMatch(/rel="manifest"/);
    const context = await e2e.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(watchTodayDrawn);
    await page.goto(e2e.url);
    await assetsBeforeToday(page);
    expect(
      await page.evaluate(() => (window as unknown as { __manifestLinksWhenDrawn: number }).__manifestLinksWhenDrawn),
    ).toBe(0);
    const link = page.locator('link[rel="manifest"]');
    await link.waitFor({ state: 'attached' });
    expect(await link.count()).toBe(1);
    const manifest = await page.request.get(await link.evaluate((element: HTMLLinkElement) => element.href));
    expect(((await manifest.json()) as { name?: string }).name).toBe('HS Diary');
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    test(`a returning patient in ${locale}: before Today, what the HTML names and the schemas that check the diary, asked for together`, async () => {
      const { context, page } = await e2e.open('#/', { serviceWorkers: 'block' });
      const first = new HsDiary(page, e2e.url);
      await first.day(localDate(-1)).log(3, 1);
      if (locale !== 'en') {
        await first.navLink('settings').click();
        await first.settings.heading.waitFor();
        await first.settings.language(locale).check();
        await expect.poll(async () => (await readStoredSettings(page)).locale).toBe(locale);
      }
      await page.close();

      const returning = await context.newPage();
      // Every file fetched again, as on a phone that has not kept them (a phone that has, serves them from
      // the service worker's cache; routing turns the HTTP cache off). Each file the HTML does not name is
      // held back a while: a file asked for only once another had arrived would start that much later.
      const htmlNamed = new Set([...scripts, ...preloads]);
      const askedAt = new Map<string, number>();
      await context.route(/\/assets\/.*\.js$/, async (route: Route) => {
        const file = new URL(route.request().url()).pathname.replace(/.*\/assets\//, 'assets/');
        if (!htmlNamed.has(file)) {
          askedAt.set(file, Date.now());
          await new Promise((resolve) => setTimeout(resolve, HELD_BACK_MS));
        }
        await route.continue().catch(() => undefined);
      });
      await returning.addInitScript(watchTodayDrawn);
      await returning.goto(e2e.url);
      const fetched = await assetsBeforeToday(returning);
      await expect(returning.locator('html').getAttribute('lang')).resolves.toBe(locale);
      expect(fetched.filter((file) => file.endsWith('.css'))).toEqual(stylesheets);
      const scriptsFetched = fetched.filter((file) => !file.endsWith('.css'));
      expect(scriptsFetched.filter((file) => htmlNamed.has(file)).sort()).toEqual([...htmlNamed].sort());
      // The stored rows are checked by zod's schemas, loaded once the diary is found, every file of theirs
      // asked for at once: one round trip, not a chain of imports.
      const checking = scriptsFetched.filter((file) => !htmlNamed.has(file));
      expect(checking.some(holdsZod)).toBe(true);
      const times = checking.map((file) => askedAt.get(file) ?? Number.NaN);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(HELD_BACK_MS / 2);
    });
  }
});

describe('the start-up text', () => {
  test('is neither painted nor its text laid out on a quick start, so Today is the first paint; a slow start shows it after a second', async () => {
    const context = await e2e.newContext({ serviceWorkers: 'block' });
    let releaseEntry: () => void = () => undefined;
    const entryReleased = new Promise<void>((resolve) => (releaseEntry = resolve));
    await context.route(/\/assets\/index-[\w-]+\.js$/, async (route: Route) => {
      await entryReleased;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(e2e.url, { waitUntil: 'commit' });
    const startup = page.locator('.startup');
    await startup.waitFor({ state: 'attached' });
    // The stylesheet has arrived (it blocks the first paint), the entry script has not.
    await expect.poll(() => page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    // The text's animation is held at a moment rather than raced: on a busy machine a second had passed
    // before the check. Up to a second in, a quick start, it is hidden, and its text is not laid out either
    // (in two scripts, it would cost a font search inside the entry's task); from a second on, it shows.
    const shownAt = (ms: number) =>
      startup.evaluate((element, atMs) => {
        const [animation] = element.getAnimations();
        if (!animation) return 'no animation';
        animation.pause();
        animation.currentTime = atMs;
        const style = getComputedStyle(element);
        return `${style.visibility} ${style.contentVisibility}`;
      }, ms);
    expect(await shownAt(0)).toBe('hidden hidden');
    expect(await shownAt(990)).toBe('hidden hidden');
    expect(await startup.isVisible()).toBe(false);
    expect(await shownAt(1000)).toBe('visible visible');
    // Left to run on: still no script, and the patient is told the app is coming.
    await startup.evaluate((element) => element.getAnimations()[0]?.play());
    await startup.waitFor({ state: 'visible', timeout: 5000 });
    releaseEntry();
    await new HsDiary(page, e2e.url).today.heading.waitFor();
    expect(await startup.count()).toBe(0);
  });
});

/**
 * Counts, in the page, every Intl object made and every locale-aware call: the first one a page makes
 * costs 20-50 ms of main-thread time (ICU's locale set-up), a long task on a slow phone.
 */
function countIntlUses(): void {
  const uses: string[] = [];
  (window as unknown as { __intlUses: string[] }).__intlUses = uses;
  const names = ['DateTimeFormat', 'NumberFormat', 'Segmenter', 'ListFormat', 'PluralRules', 'Collator'] as const;
  for (const name of names) {
    const original = Intl[name] as unknown as new (...args: unknown[]) => object;
    (Intl as unknown as Record<string, unknown>)[name] = new Proxy(original, {
      construct(target, args: unknown[]) {
        uses.push(`Intl.${name}: ${new Error().stack?.split('\n')[2]?.trim() ?? ''}`);
        return Reflect.construct(target, args);
      },
      apply(target, self, args: unknown[]) {
        uses.push(`Intl.${name}(): ${new Error().stack?.split('\n')[2]?.trim() ?? ''}`);
        return Reflect.apply(target as unknown as (...args: unknown[]) => unknown, self, args);
      },
    });
  }
  const methods: [object, string][] = [
    [Date.prototype, 'toLocaleDateString'],
    [Date.prototype, 'toLocaleTimeString'],
    [Date.prototype, 'toLocaleString'],
    [Number.prototype, 'toLocaleString'],
    [String.prototype, 'localeCompare'],
  ];
  for (const [owner, method] of methods) {
    const original = (owner as Record<string, (...args: unknown[]) => unknown>)[method];
    if (!original) continue;
    (owner as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
      uses.push(method);
      return original.apply(this, args);
    };
  }
}

describe('the first screen in steps', () => {
  test('the header, the pain scale, the rest of the form, then the doses and the nav, each in a frame of its own', async () => {
    const context = await e2e.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(noteFrameOfFirstAppearance, {
      heading: 'h1',
      painScale: 'input[name="pain"]',
      drainage: 'input[name="drainage"]',
      save: 'form button[type="submit"]',
      doses: '[data-testid="doses-space"]',
      nav: 'nav',
    });
    await gotoApp(page, e2e.url);
    // Every part is there: the nav comes a step after the header, the doses space four steps after it.
    await page.locator('nav').waitFor();
    await page.getByTestId('doses-space').waitFor({ state: 'attached' });
    const frames = await page.evaluate(() => (window as unknown as { __frameOf: Record<string, number> }).__frameOf);
    // Drawn at once (one task that mounted everything, then one frame that laid it all out), every part
    // appeared in the same frame.
    expect(frames.painScale).toBeGreaterThan(frames.heading ?? Infinity);
    expect(frames.drainage).toBeGreaterThan(frames.painScale ?? Infinity);
    expect(frames.save).toBe(frames.drainage);
    expect(frames.doses).toBeGreaterThan(frames.drainage ?? Infinity);
    expect(frames.nav).toBeGreaterThan(frames.heading ?? Infinity);
    await context.close();
  });

  test('what Today loads is fetched without a <link> element per file, and asks to be compiled as it arrives', async () => {
    const { page } = await e2e.open('#/', { serviceWorkers: 'block' });
    const app = new HsDiary(page, e2e.url);
    await app.today.heading.waitFor();
    // The work kept for later has run: Dexie is in (the storage health and reminders follow it).
    await expect
      .poll(() =>
        page.evaluate(() =>
          performance.getEntriesByType('resource').some((entry) => /\/assets\/reminder-loop/.test(entry.name)),
        ),
      )
      .toBe(true);
    await page.waitForLoadState('networkidle');
    // Only the HTML's own preloads: Vite's helper appended some 30 more, each a DOM insertion on the main thread.
    const preloads = await page.evaluate(() => document.querySelectorAll('link[rel="modulepreload"]').length);
    const inHtml = (readFileSync(join(DIST, 'index.html'), 'utf8').match(/rel="modulepreload"/g) ?? []).length;
    expect(preloads).toBe(inHtml);

    // Each script asks V8 to compile all its functions off the main thread as it streams in (the hint must be
    // its first line): compiled one by one when first called, they were a fifth of the main thread's work
    // after the first paint.
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith('.js')),
    );
    expect(scripts.length).toBeGreaterThan(20);
    const firstLine = (file: string) => readFileSync(join(DIST, file), 'utf8').split('\n', 1)[0];
    const unhinted = scripts.filter((path) => firstLine(path.replace(/.*\/assets\//, 'assets/')) !== COMPILE_HINT);
    expect(unhinted).toEqual([]);
    // The heavy libraries a screen loads on demand keep V8's lazy compiling: most of their functions never run.
    const heavy = readdirSync(join(DIST, 'assets')).filter((file) =>
      /^(?:pdf|fontkit|chart)\.chunk-.*\.js$/.test(file),
    );
    expect(heavy).toHaveLength(3);
    for (const file of heavy) expect(firstLine(join('assets', file))).not.toBe(COMPILE_HINT);
  });

  test('a screen opened later is drawn at once', async () => {
    const { page } = await e2e.open('#/diary', { serviceWorkers: 'block' });
    const app = new HsDiary(page, e2e.url);
    await app.navLink('today').click();
    // The whole form is there in the frame the pain scale arrives in.
    await page.locator('input[name="pain"]').first().waitFor();
    expect(await page.locator('input[name="drainage"]').count()).toBeGreaterThan(0);
  });
});

/**
 * In the page, before the app: counts frames, and notes for each selector the frame in which an element
 * matching it first appeared.
 */
function noteFrameOfFirstAppearance(selectors: Record<string, string>): void {
  const frameOf: Record<string, number> = {};
  (window as unknown as { __frameOf: Record<string, number> }).__frameOf = frameOf;
  let frame = 0;
  const countFrames = () => {
    frame += 1;
    requestAnimationFrame(countFrames);
  };
  requestAnimationFrame(countFrames);
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(selectors))
      if (frameOf[name] === undefined && document.querySelector(selector)) frameOf[name] = frame;
  }).observe(document, { childList: true, subtree: true });
}

describe('the start without ICU', () => {
  test('Today starts, draws and settles with no Intl object made, for a new and a returning patient', async () => {
    const { context, page } = await e2e.open('#/', { serviceWorkers: 'block' });
    await context.addInitScript(countIntlUses);
    const intlUses = (of: Page) => of.evaluate(() => (window as unknown as { __intlUses: string[] }).__intlUses);

    // A first visit: the page this test opened.
    await page.reload();
    const first = new HsDiary(page, e2e.url);
    await first.today.heading.waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    expect(await intlUses(page)).toEqual([]);

    // A returning patient with a daily medicine, doses and a logged day before today.
    await writeMedications(
      page,
      [{ id: 'upa', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' }],
      [
        {
          id: 'upa-start',
          medicationId: 'upa',
          date: localDate(-30),
          kind: 'start',
          dose: { amount: 15, unit: 'mg' },
          frequency: 'once-daily',
        },
      ],
    );
    await first.day(localDate(-3)).log(6, 2);
    const returning = await context.newPage();
    const back = new HsDiary(returning, e2e.url);
    await gotoApp(returning, e2e.url);
    await back.today.heading.waitFor();
    await new TodayDoses(back).card.waitFor();
    await returning.waitForLoadState('networkidle');
    await returning.waitForTimeout(1500);
    expect(await intlUses(returning)).toEqual([]);
  });
});
