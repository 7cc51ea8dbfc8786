/**
 * Names as people (and attackers) type them (issue 12, item 9): a medication named with a right-to-left
 * override, and one of 80 letters without a break (the longest name the app stores) beside notes and
 * questions of 200. Today, Medications, Trends, Summary and the viewer do not scroll sideways at 390 px,
 * and every piece of text holding the override sits inside an isolate (`<bdi>` or `dir`), so it cannot
 * reorder the words beside it ("exe.png gm 04").
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addDays } from '../../src/lib/domain/dates';
import { encodeSummary } from '../../src/lib/domain/summary-codec';
import { localDate, useE2E, writeStoredRows } from './support';

const e2e = useE2E();

const OVERRIDE_NAME = '\u202Egnp.exe';
const LONG_NAME = 'W'.repeat(80);
const LONG_TEXT = 'x'.repeat(200);
const OVERRIDE_ID = '6f1c8a52-2a3b-4c1d-9e8f-0a1b2c3d4e5f';
const LONG_ID = '7a2d9b63-3b4c-4d2e-8f9a-1b2c3d4e5f60';
/** The screens checked, with the names each must show (Today lists only the dose with a reminder). */
const NAMES_ON_SCREEN: Record<string, string[]> = {
  '#/': [OVERRIDE_NAME],
  '#/medications': [OVERRIDE_NAME, LONG_NAME],
  '#/trends': [OVERRIDE_NAME, LONG_NAME],
  '#/summary': [OVERRIDE_NAME, LONG_NAME],
};

/** Where the page is wider than the window, and the text nodes holding the override outside an isolate. */
function layoutProblems(page: Page): Promise<{ scrollWidth: number; innerWidth: number; unisolated: string[] }> {
  return page.evaluate(() => {
    const unisolated: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // An override between FSI/LRI/RLI and PDI (a notice worded as one string) is isolated too.
      const outsideIsolates = (node.textContent ?? '').replace(/[\u2066-\u2068][^\u2069]*\u2069/g, '');
      if (!outsideIsolates.includes('\u202E')) continue;
      if (!node.parentElement?.closest('bdi, [dir]'))
        unisolated.push(node.parentElement?.outerHTML.slice(0, 200) ?? '');
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, unisolated };
  });
}

describe('names and long text', () => {
  test('Today, Medications, Trends, Summary and the viewer do not scroll sideways and the override name is isolated', async () => {
    const { page } = await e2e.open('#/', { locale: 'en-GB' });
    const start = localDate(-20);
    await writeStoredRows(page, {
      medications: [
        { id: OVERRIDE_ID, name: OVERRIDE_NAME, drugClass: 'other', color: '#d55e00' },
        { id: LONG_ID, name: LONG_NAME, drugClass: 'other', color: '#0072b2' },
      ],
      regimenEvents: [
        {
          id: 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b',
          medicationId: OVERRIDE_ID,
          date: start,
          kind: 'start',
          dose: { amount: 40, unit: 'mg' },
          frequency: 'once-daily',
        },
        {
          id: 'd2b3c4d5-e6f7-4081-9bac-1d2e3f4a5b6c',
          medicationId: LONG_ID,
          date: start,
          kind: 'start',
          dose: { amount: 15, unit: 'mg' },
          frequency: 'once-daily',
        },
      ],
      reminders: [
        {
          id: 'e3c4d5e6-f708-4192-acbd-2e3f4a5b6c7d',
          kind: 'dose',
          medicationId: OVERRIDE_ID,
          times: ['00:00'],
          days: [0, 1, 2, 3, 4, 5, 6],
          enabled: true,
        },
      ],
      days: Array.from({ length: 10 }, (_, index) => ({
        date: localDate(-10 + index),
        pain: 5,
        drainage: 1,
        dressingChanges: 0,
        flare: false,
        regions: [],
        interventions: [],
        note: LONG_TEXT,
        updatedAt: 1,
      })),
    });

    const problems: Record<string, unknown> = {};
    // Each screen loaded afresh (through about:blank): the rows were written past Dexie, and after a mere
    // hash change its live-query cache would still answer with the empty tables.
    for (const [hash, names] of Object.entries(NAMES_ON_SCREEN)) {
      await page.goto('about:blank');
      await page.goto(`${e2e.url}${hash}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // The names are on screen (the screens load their data after the first paint), or nothing is proven.
      const isShown = await page
        .waitForFunction((names) => names.every((name) => document.body.innerText.includes(name)), names, {
          timeout: 10_000,
        })
        .then(
          () => true,
          () => false,
        );
      const found = await layoutProblems(page);
      if (!isShown || found.scrollWidth > found.innerWidth || found.unisolated.length > 0)
        problems[hash] = { ...found, isShown };
    }
    const from = addDays(localDate(0), -30);
    const payload = encodeSummary({
      range: { from, to: localDate(0) },
      madeOn: localDate(0),
      resolution: 'daily',
      days: [],
      weeks: [],
      medications: [OVERRIDE_NAME, LONG_NAME].map((name) => ({
        name,
        drugClass: 'other' as const,
        color: '#d55e00',
        events: [
          {
            date: from,
            kind: 'start' as const,
            dose: { amount: 40, unit: 'mg' as const },
            frequency: 'once-daily' as const,
          },
        ],
        baselineX100: null,
        adherence: [],
      })),
      questions: LONG_TEXT,
      patientName: LONG_NAME,
    });
    await page.goto('about:blank');
    await page.goto(`${e2e.url}#/v/${payload}`);
    await page.getByTestId('summary-range').waitFor();
    const viewer = await layoutProblems(page);
    if (viewer.scrollWidth > viewer.innerWidth || viewer.unisolated.length > 0) problems.viewer = viewer;

    expect(problems).toEqual({});
  });
});
