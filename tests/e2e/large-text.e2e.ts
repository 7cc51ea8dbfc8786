/**
 * Large text and small screens: every screen, at 390 and 320 CSS px wide, with the browser's default font at
 * 16 px and at 32 px (what a phone's 200 % text setting does), in English and Chinese, has no sideways
 * scrolling, nothing sticking out of the screen or cut off by its box, and the whole nav bar in view with
 * every label whole; and no word broken across lines when it is narrower than the card or column it sits in
 * (a layout that squeezes a name beside its buttons breaks "Upadac|itinib" though the card has room for it).
 *
 * The default font size is set with the DevTools protocol's `Page.setFontSizes`, the same setting as
 * chrome://settings/fonts (Chromium's `webkit.webprefs.default_font_size`): `rem` and `em` text grows with
 * it, which the test checks before measuring.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addDays } from '../../src/lib/domain/dates';
import { encodeSummary } from '../../src/lib/domain/summary-codec';
import type { SummarySource } from '../../src/lib/domain/summary-source';
import { HsDiary, type Lang } from './page-models/hs-diary';
import { REMINDER_SETTINGS, writeMedications, type SeedEvent, type SeedMedication } from './page-models/reminders';
import { seedDay, type SeedDay } from './page-models/trends';
import { localDate, writeStoredRows, useE2E } from './support';

const e2e = useE2E();

const TEXT_SIZES_PX = [16, 32] as const;
const WIDTHS_PX = [390, 320] as const;

const MEDICATIONS: SeedMedication[] = [
  { id: 'upa', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' },
];

const EVENTS: SeedEvent[] = [
  {
    id: 'upa-start',
    medicationId: 'upa',
    date: localDate(-40),
    kind: 'start',
    dose: { amount: 15, unit: 'mg' },
    frequency: 'once-daily',
  },
  {
    id: 'upa-raise',
    medicationId: 'upa',
    date: localDate(-20),
    kind: 'dose-change',
    dose: { amount: 30, unit: 'mg' },
    frequency: 'once-daily',
  },
  { id: 'upa-pause', medicationId: 'upa', date: localDate(-12), kind: 'interruption', reason: 'infection' },
  {
    id: 'upa-resume',
    medicationId: 'upa',
    date: localDate(-8),
    kind: 'resume',
    dose: { amount: 30, unit: 'mg' },
    frequency: 'once-daily',
  },
];

/** Thirty logged days ending three days ago (so Today lists missed days), flares with several regions. */
function seedDays(): SeedDay[] {
  return Array.from({ length: 30 }, (_, index) => {
    const pain = (index * 7) % 11;
    return seedDay(localDate(-3 - index), pain, {
      drainage: pain % 4,
      flare: pain > 6,
      regions: pain > 6 ? ['axilla-left', 'groin-right', 'inframammary-left', 'perianal'] : [],
      note: index === 2 ? 'Bad night, a new lump under the left arm that hurts when I lift it.' : '',
    });
  });
}

function summarySource(): SummarySource {
  const from = localDate(-89);
  return {
    range: { from, to: localDate(0) },
    madeOn: localDate(0),
    resolution: 'daily',
    days: Array.from({ length: 90 }, (_, offset) => ({
      date: addDays(from, offset),
      pain: offset % 11,
      drainage: offset % 4,
      flare: offset % 9 === 0,
      regions: offset % 9 === 0 ? (['groin-left', 'axilla-right'] as const).slice() : [],
      interventions: [],
    })),
    weeks: [],
    medications: [
      {
        name: 'Upadacitinib',
        presetId: 'upadacitinib',
        drugClass: 'jak1-selective',
        color: '#0072b2',
        events: [{ date: addDays(from, 10), kind: 'start', dose: { amount: 15, unit: 'mg' }, frequency: 'once-daily' }],
        baselineX100: 650,
        adherence: [],
      },
    ],
    questions: 'Can I go swimming? Should I stay on 30 mg?',
  };
}

interface Screen {
  name: string;
  hash: string;
  /** Bring the screen to the state to measure, once its h1 is there. */
  ready: (app: HsDiary) => Promise<void>;
}

const settle = (app: HsDiary) => app.page.waitForLoadState('networkidle').then(() => app.page.waitForTimeout(200));

const SCREENS: Screen[] = [
  {
    name: 'Today (flare, more details open)',
    hash: '#/',
    ready: async (app) => {
      await app.form.save.waitFor();
      await app.page.getByRole('heading', { level: 2, name: app.t.reminders.doses.title, exact: true }).waitFor();
      await app.form.flare(true).check({ force: true });
      await app.form.whereGroup.waitFor();
      await app.form.openMoreDetails();
    },
  },
  // The month of the seeded day with a note, whatever today is: the current month had no entries in its
  // first days, and its list (a long note, words beside the pain badge) went unmeasured.
  {
    name: 'Diary',
    hash: `#/diary/${localDate(-5).slice(0, 7)}`,
    ready: async (app) => void (await app.page.locator('table').waitFor()),
  },
  {
    name: 'Day',
    hash: `#/day/${localDate(-5)}`,
    ready: async (app) => void (await app.form.saveChanges.waitFor()),
  },
  {
    name: 'Medications',
    hash: '#/medications',
    ready: async (app) => void (await app.page.locator('article.medication .timeline li').first().waitFor()),
  },
  { name: 'Trends', hash: '#/trends', ready: settle },
  { name: 'Summary', hash: '#/summary', ready: settle },
  { name: 'Visits', hash: '#/visits', ready: settle },
  {
    name: 'Settings',
    hash: '#/settings',
    ready: async (app) => {
      await app.page.getByRole('heading', { level: 2, name: app.t.settings.storage, exact: true }).waitFor();
      await settle(app);
    },
  },
  {
    name: 'Viewer',
    hash: `#/v/${encodeSummary(summarySource())}`,
    ready: async (app) => {
      await app.page.locator('[data-testid=summary-range]').waitFor();
      await settle(app);
    },
  },
];

/**
 * What is wrong with the layout as drawn: the page wider than the screen, a visible element reaching past
 * either edge (outside a sideways scrolling box, which is how wide tables are meant to be read), a box that
 * hides overflowing content, the nav bar out of view or a nav label cut.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const describe = (element: Element) => {
      const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
      const classes = typeof element.className === 'string' && element.className ? `.${element.className}` : '';
      return `<${element.tagName.toLowerCase()}${classes}> "${text.slice(0, 40)}"`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > width) problems.push(`the page is ${root.scrollWidth} px wide on a ${width} px screen`);

    const scrollsSideways = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX === 'auto' || overflowX === 'scroll') return true;
      }
      return false;
    };
    // Only the outermost offender of a kind is named: its descendants stick out with it.
    const reported = new Set<Element>();
    const isInsideReported = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement)
        if (reported.has(parent)) return true;
      return false;
    };
    for (const element of document.body.querySelectorAll('*')) {
      if (element.closest('.visually-hidden, .skip-link, script, style')) continue;
      if (isInsideReported(element)) continue;
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if ((box.right > width + 1 || box.left < -1) && !scrollsSideways(element)) {
        problems.push(`${describe(element)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
        reported.add(element);
        continue;
      }
      // A text field's value scrolls inside the field as the caret moves, by design (a long address in a
      // narrow field): the field itself must fit the screen (above), its value may be longer than it.
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) continue;
      // Text wider than its box (a long word in a narrow column) spills out past the screen's edge.
      if (
        !(element instanceof SVGElement) &&
        element.clientWidth > 0 &&
        box.left + element.scrollWidth > width + 1 &&
        !scrollsSideways(element)
      ) {
        // Not marked as reported: the innermost box that holds the wide content is named too.
        problems.push(
          `${describe(element)} holds content ${element.scrollWidth} px wide from ${Math.round(box.left)} px`,
        );
        continue;
      }
      // A button's, a link's, a choice's or a table cell's content sticking out of its own box (a "10" wider
      // than its 44 px button, a calendar day wider than its column).
      if (element.matches('button, .button, label, a, td') && element.scrollWidth > element.clientWidth + 1) {
        problems.push(
          `${describe(element)} sticks out of its box (${element.scrollWidth} in ${element.clientWidth} px)`,
        );
        reported.add(element);
        continue;
      }
      const style = getComputedStyle(element);
      const hidesOverflow = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
      if (hidesOverflow(style.overflowX) && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${describe(element)} cuts its content (${element.scrollWidth} in ${element.clientWidth} px)`);
        reported.add(element);
      }
    }

    const nav = document.querySelector('nav');
    if (nav) {
      const box = nav.getBoundingClientRect();
      if (box.bottom > window.innerHeight + 1 || box.top < 0 || box.right > width + 1)
        problems.push(`the nav bar is out of view (${Math.round(box.top)}..${Math.round(box.bottom)} px)`);
      for (const label of nav.querySelectorAll('a span'))
        if (label.scrollWidth > label.clientWidth + 1) problems.push(`the nav label "${label.textContent}" is cut`);
    }
    return problems;
  });
}

/**
 * Words broken across two lines although the card (or the screen's column) they sit in is wider than they
 * are: a box beside them took the room, and the word broke where it did not need to. Latin words only:
 * Chinese text breaks between any two characters by design.
 */
function wordsBrokenWithRoom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      const parent = text.parentElement;
      if (!parent || parent.closest('svg, script, style, textarea, select, .visually-hidden')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      const column = parent.closest('.card, dialog, main, nav') ?? document.body;
      const padding = getComputedStyle(column);
      const columnWidth = column.clientWidth - parseFloat(padding.paddingLeft) - parseFloat(padding.paddingRight);
      // A word ends at a space or where a line may break anyway: after a hyphen, a dash or a slash.
      for (const match of text.data.matchAll(/[^\s\-\u2013\u2014/]+/g)) {
        const word = match[0];
        if (!/[A-Za-z]/.test(word) || /\p{Script=Han}/u.test(word)) continue;
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + word.length);
        const pieces = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (new Set(pieces.map((rect) => Math.round(rect.top))).size < 2) continue;
        const wordWidth = pieces.reduce((sum, rect) => sum + rect.width, 0);
        if (wordWidth <= columnWidth)
          found.push(`"${word}" (${Math.round(wordWidth)} px) is broken in a ${Math.round(columnWidth)} px column`);
      }
    }
    return found;
  });
}

/**
 * On a screen narrow for its text (src/app.css: max-width 22em), buttons whose label wraps although it would fit
 * on one line inside them with the thin (12 px) padding such a screen gives buttons: padding that grew with the
 * text took its room ("正/面" a character a line in a 130 px button).
 */
function buttonLabelsBrokenWithRoom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const rootFontPx = parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (window.innerWidth > 22 * rootFontPx) return found;
    for (const button of document.querySelectorAll('button, .button')) {
      if (!button.checkVisibility({ visibilityProperty: true }) || button.closest('.visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(button);
      const pieces = [...range.getClientRects()].filter((rect) => rect.width > 0);
      if (new Set(pieces.map((rect) => Math.round(rect.top / 4))).size < 2) continue;
      const labelWidth = pieces.reduce((sum, rect) => sum + rect.width, 0);
      // The pieces leave out the space where the label wrapped: on one line it needs that too.
      const spacePx = 0.35 * parseFloat(getComputedStyle(button).fontSize);
      const room = button.getBoundingClientRect().width - 2 * 12 - 2;
      if (labelWidth + spacePx <= room)
        found.push(
          `the button "${button.textContent?.trim()}" (${Math.round(labelWidth)} px) wraps in ${Math.round(room)} px`,
        );
    }
    return found;
  });
}

/**
 * Today's missed days: a day's "Same as the day before" sits nearer its own day than any other day, so it is
 * plain which day it fills (wrapped chips once left it halfway between "Tue 1 Dec" and "Wed 2 Dec").
 */
function missedDayCopiesAmbiguous(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const days = [...document.querySelectorAll('.missed li a')];
    const middle = (element: Element) => {
      const box = element.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    };
    const distance = (a: Element, b: Element) => Math.hypot(middle(a).x - middle(b).x, middle(a).y - middle(b).y);
    for (const copy of document.querySelectorAll('.missed li button')) {
      const own = copy.closest('li')?.querySelector('a');
      if (!own) continue;
      const nearestOther = Math.min(...days.filter((day) => day !== own).map((day) => distance(copy, day)));
      if (distance(copy, own) >= nearestOther)
        found.push(`"${copy.textContent?.trim()}" for ${own.textContent?.trim()} is as near another day`);
    }
    return found;
  });
}

/**
 * At the default 16 px text, buttons whose label is one or two words keep it on one line: a row of buttons
 * sized by a fixed basis narrower than a label broke "QR / code" on a 390 px phone while "PDF" had room.
 */
function shortButtonLabelsWrapped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (parseFloat(getComputedStyle(document.documentElement).fontSize) > 16) return found;
    for (const button of document.querySelectorAll('button, .button')) {
      if (!button.checkVisibility({ visibilityProperty: true }) || button.closest('.visually-hidden')) continue;
      const label = (button.textContent ?? '').trim();
      if (label.split(/\s+/).length > 2) continue;
      const range = document.createRange();
      range.selectNodeContents(button);
      const pieces = [...range.getClientRects()].filter((rect) => rect.width > 0);
      if (new Set(pieces.map((rect) => Math.round(rect.top / 4))).size > 1)
        found.push(`the button "${label}" wraps at 16 px text`);
    }
    return found;
  });
}

/** Fields whose typed text is bold: a field inherits its label's weight unless told (the visit questions did). */
function boldFields(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('textarea, select, input:not([type=radio], [type=checkbox])')]
      .filter((field) => field.checkVisibility() && Number(getComputedStyle(field).fontWeight) > 400)
      .map((field) => `a <${field.tagName.toLowerCase()}> shows its text bold`),
  );
}

/** Headings whose last line is one Chinese character ("2026年11月的记 / 录"): a heading wraps to even lines. */
function headingOrphans(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const heading of document.querySelectorAll('h1, h2, h3')) {
      if (!heading.checkVisibility()) continue;
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      let last: Text | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if ((node as Text).data.trim()) last = node as Text;
      const text = last?.data.trimEnd() ?? '';
      if (!last || text.length < 2 || !/\p{Script=Han}/u.test(text.slice(-1))) continue;
      const top = (offset: number) => {
        const range = document.createRange();
        range.setStart(last, offset);
        range.setEnd(last, offset + 1);
        return range.getClientRects()[0]?.top ?? 0;
      };
      if (Math.abs(top(text.length - 1) - top(text.length - 2)) > 2)
        found.push(`the heading "${heading.textContent?.trim()}" leaves one character on its last line`);
    }
    return found;
  });
}

describe.each(['en', 'zh-CN'] as const)('large text in %s', (lang: Lang) => {
  test('every screen fits 390 and 320 px screens at 16 and 32 px text: no sideways scrolling, nothing cut', async () => {
    const { context, page } = await e2e.open('#/', { locale: lang, serviceWorkers: 'block' });
    const app = new HsDiary(page, e2e.url, lang);
    await writeMedications(page, MEDICATIONS, EVENTS);
    await writeStoredRows(page, {
      days: seedDays(),
      visits: [
        {
          id: 'visit-1',
          date: localDate(-30),
          ihs4: 12,
          hurley: 'II',
          notes: 'Start upadacitinib 15 mg.',
          questions: 'Can I go swimming? Should I stay on 30 mg?',
        },
      ],
    });
    const devtools = await context.newCDPSession(page);
    const found: string[] = [];
    let measured = 0;
    for (const textPx of TEXT_SIZES_PX) {
      await devtools.send('Page.setFontSizes', { fontSizes: { standard: textPx, fixed: Math.round(textPx * 0.8125) } });
      for (const widthPx of WIDTHS_PX) {
        await page.setViewportSize({ width: widthPx, height: 844 });
        for (const screen of SCREENS) {
          await page.goto('about:blank');
          await app.goto(screen.hash);
          await screen.ready(app);
          // The setting reaches rem-sized text: the root font is the default size, and body text grows with it.
          expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(`${textPx}px`);
          const where = `${screen.name} at ${widthPx} px, ${textPx} px text`;
          found.push(...(await layoutProblems(page)).map((problem) => `${where}: ${problem}`));
          found.push(...(await wordsBrokenWithRoom(page)).map((problem) => `${where}: ${problem}`));
          found.push(...(await buttonLabelsBrokenWithRoom(page)).map((problem) => `${where}: ${problem}`));
          found.push(...(await missedDayCopiesAmbiguous(page)).map((problem) => `${where}: ${problem}`));
          found.push(...(await shortButtonLabelsWrapped(page)).map((problem) => `${where}: ${problem}`));
          found.push(...(await boldFields(page)).map((problem) => `${where}: ${problem}`));
          found.push(...(await headingOrphans(page)).map((problem) => `${where}: ${problem}`));
          measured += 1;
        }
      }
    }
    expect(measured).toBe(SCREENS.length * 4);
    expect(found, found.join('\n')).toEqual([]);
  }, 300_000);
});

describe.each(['en', 'zh-CN'] as const)('screen names in %s', (lang: Lang) => {
  test('each screen has one name: its nav label is its heading, and links to it use it', async () => {
    const { page } = await e2e.open('#/', { locale: lang, serviceWorkers: 'block' });
    const app = new HsDiary(page, e2e.url, lang);
    const t = app.t;
    const screens = ['today', 'diary', 'medications', 'trends', 'summary', 'settings'] as const;
    const names: Record<string, { nav: string; heading: string }> = {};
    for (const screen of screens) {
      await app.nav.getByRole('link', { name: t.nav[screen], exact: true }).click();
      await expect.poll(async () => (await app.h1.textContent())?.trim()).toBe(t.nav[screen]);
      names[screen] = { nav: t.nav[screen], heading: ((await app.h1.textContent()) ?? '').trim() };
    }
    expect(Object.values(names).every(({ nav, heading }) => nav === heading)).toBe(true);
    // Text that sends the patient to another screen names it as the nav does.
    expect(t.trends.phases.addLink).toContain(t.nav.medications);
    expect(REMINDER_SETTINGS[lang].settings.medicationsHint).toContain(t.nav.medications);
  });
});
