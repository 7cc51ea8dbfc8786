/**
 * Trends: a medication history recorded through the Medications screen (start, dose change, interruption,
 * resume) shows on the chart and in its event list, the phase table shows the hand-computed measures of
 * the seeded diary, the ranges switch, a tap on the chart opens a day, chart.js never loads on Today, and
 * axe finds nothing on Medications and Trends in light and dark.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './axe';
import { HsDiary, type Lang } from './page-models/hs-diary';
import { MedicationsScreen, TrendsScreen, seedDay, writeDays, type SeedDay } from './page-models/trends';
import { localDate, useE2E } from './support';
import { touchTargetAudit } from './touch-targets';

const e2e = useE2E();

/** The built chart module's file name starts with this (src/lib/ui/trends/chart.chunk.ts). */
const CHART_CHUNK = 'chart.chunk';
const UPADACITINIB_BLUE = [0x00, 0x72, 0xb2] as const;

/**
 * The history, in days from today, chosen so every figure is easy to work out by hand:
 *   baseline    -95 … -89  pain 7            → baseline 7, NRS30 level 7 - 2.1 = 4.9
 *   15 mg       -88 … -59  pain 5            → mean 5, weekly mean 5 > 4.9: not reached, 0 of 4 weeks
 *   30 mg       -58 … -29  pain 3            → mean 3 (-2, fell), reached on day 7 (its first whole week),
 *                                               ended in response, all 4 weeks
 *   interrupted -28 … -25  pain 3, 4, 6 (flare), 7 → mean 5 from 4 days (few days: +2, no words), first
 *                                               flare day 3, pain back above the level on day 4
 *                                               (3-day means: day 3 4.3 ≤ 4.9; day 4 (4+6+7)/3 = 5.7)
 *   resumed     -24 …  -1  pain 3            → mean 3 (-2, no words: the pause had 4 days), reached on
 *                                               day 7, all 3 weeks; today, not logged, is not counted
 */
const START = -88;
const DOSE_CHANGE = -58;
const INTERRUPTION = -28;
const RESUME = -24;

function seededDays(): SeedDay[] {
  const days: SeedDay[] = [];
  const add = (from: number, to: number, pain: number) => {
    for (let offset = from; offset <= to; offset += 1) days.push(seedDay(localDate(offset), pain));
  };
  add(-95, -89, 7);
  add(START, DOSE_CHANGE - 1, 5);
  add(DOSE_CHANGE, INTERRUPTION - 1, 3);
  days.push(
    seedDay(localDate(INTERRUPTION), 3),
    seedDay(localDate(INTERRUPTION + 1), 4),
    seedDay(localDate(INTERRUPTION + 2), 6, { flare: true, regions: ['axilla-left'], drainage: 3 }),
    seedDay(localDate(INTERRUPTION + 3), 7),
  );
  add(RESUME, -1, 3);
  return days;
}

/** Seed the diary, then record the medication history through the Medications screen, as a patient would. */
async function recordHistory(app: HsDiary): Promise<void> {
  await writeDays(app.page, seededDays());
  const medications = new MedicationsScreen(app);
  await medications.open();
  await medications.addFirstPreset(localDate(START));
  await medications.recordChange('dose-change', localDate(DOSE_CHANGE), { amount: 30 });
  await medications.recordChange('interruption', localDate(INTERRUPTION), { reason: 'infection' });
  await medications.recordChange('resume', localDate(RESUME), { amount: 30 });
  await app.page.getByRole('listitem').filter({ hasText: app.t.medications.kinds.resume }).first().waitFor();
}

/** Pixels of the canvas close to a colour: how much of the medication's lines the chart drew. */
async function pixelsOfColor(page: Page, rgb: readonly [number, number, number]): Promise<number> {
  return page.locator('figure canvas').evaluate((element, target) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) return 0;
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      const close =
        Math.abs((data[index] ?? 0) - target[0]) < 12 &&
        Math.abs((data[index + 1] ?? 0) - target[1]) < 12 &&
        Math.abs((data[index + 2] ?? 0) - target[2]) < 12;
      if (close && (data[index + 3] ?? 0) > 200) count += 1;
    }
    return count;
  }, rgb);
}

/** A date as the Trends screen writes it in English ("26 Nov 2026"), formatted by the browser's own Intl. */
async function shortDate(page: Page, date: string): Promise<string> {
  return page.evaluate(
    (value) =>
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${value}T00:00:00Z`),
      ),
    date,
  );
}

describe('Trends', () => {
  test('shows a history recorded through the UI, with the phase table worked out by hand', async () => {
    const { context, page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.save.waitFor();
    expect(
      e2e.requestsOf(context).filter((url) => url.includes(CHART_CHUNK)),
      'chart.js must not load with Today',
    ).toEqual([]);

    await recordHistory(app);
    const trends = new TrendsScreen(app);
    await trends.open();
    const t = trends.t;

    // 90 days by default: the range heading, the chart, and the four events in words.
    await expect(trends.range('90d').isChecked()).resolves.toBe(true);
    const medicationsText = app.t.medications;
    const dose = (amount: number) =>
      medicationsText.doseText(String(amount), 'mg', medicationsText.frequencies['once-daily']);
    await expect(trends.events.allInnerTexts()).resolves.toEqual([
      expect.stringContaining(medicationsText.eventLine.start(dose(15))),
      expect.stringContaining(medicationsText.eventLine['dose-change'](dose(30))),
      expect.stringContaining(medicationsText.eventLine.interruption(medicationsText.reasons.infection)),
      expect.stringContaining(medicationsText.eventLine.resume(dose(30))),
    ]);
    await trends.figure.getByText(/interruptions are shaded/).waitFor();
    expect(e2e.requestsOf(context).some((url) => url.includes(CHART_CHUNK))).toBe(true);
    // The event lines and the interruption band are drawn in upadacitinib's colour.
    await expect.poll(() => pixelsOfColor(page, UPADACITINIB_BLUE), { timeout: 5_000 }).toBeGreaterThan(200);

    // The table alternative: one row per logged day of the range, the flare day among them.
    await trends.showTable.click();
    const loggedInRange = seededDays().filter((day) => day.date >= localDate(-89)).length;
    await expect(trends.dayTable.locator('tbody tr').count()).resolves.toBe(loggedInRange);
    const flareDay = await app.formatDate(localDate(INTERRUPTION + 2), 'medium');
    const flareRow = trends.dayTable.getByRole('row').filter({ hasText: flareDay });
    await expect(flareRow.getByRole('cell').allInnerTexts()).resolves.toEqual(['6', '3.6', '3', t.table.yes]);

    // The phase table (cards on a phone) with the hand-computed figures.
    const name = medicationsText.presetNames.upadacitinib ?? 'Upadacitinib';
    await trends.phaseSection(name).getByText(t.phases.baseline('7', 7)).waitFor();
    const cards = await trends.phaseCards(name);
    const columns = t.phases.columns;
    expect(cards.map((card) => card.treatment)).toEqual([
      dose(15),
      dose(30),
      t.phases.interrupted(medicationsText.reasons.infection),
      dose(30),
    ]);
    const phases = t.phases;
    expect(cards.map((card) => card.figures[columns.meanPain])).toEqual(['5', '3', phases.withFewDays('5'), '3']);
    expect(cards.map((card) => card.figures[columns.change])).toEqual([
      '—',
      phases.changeWithWords('-2', phases.changeWords.fell),
      '+2',
      '-2',
    ]);
    const reachedOnDay7 = expect.stringContaining(phases.nrs30.reached(7, '').replace(/\s*\(\)$/, ''));
    expect(cards.map((card) => card.figures[columns.nrs30])).toEqual([
      `${phases.nrs30['not-reached']} | ${phases.endedOutOfResponse} | ${phases.weeksInResponse(0, 4)}`,
      reachedOnDay7,
      undefined,
      reachedOnDay7,
    ]);
    expect(cards[1]?.figures[columns.nrs30]).toContain(`${phases.endedInResponse} | ${phases.weeksInResponse(4, 4)}`);
    expect(cards[3]?.figures[columns.nrs30]).toContain(phases.weeksInResponse(3, 3));
    // The interruption's own heading, never "NRS30 response" (version 1 said "NRS30 level lost" there).
    expect(cards[2]?.figures[columns.afterInterruption]).toBe(
      `${phases.after.firstFlare(3)} | ${phases.after.backAbove(4)}`,
    );
    // A rate only for the phases of 28 days or more; a count for the shorter ones.
    expect(cards.map((card) => card.figures[columns.flares])).toEqual([
      phases.flareRate('0', 0),
      phases.flareRate('0', 0),
      phases.flareCount(1),
      phases.flareCount(0),
    ]);

    // One sentence per phase, from the table's own figures.
    const sentences = await trends.changeSentences(name).allInnerTexts();
    expect(sentences).toHaveLength(4);
    expect(sentences[1]).toContain(t.changes.phaseOn(dose(30), phases.length(30, 30)));
    expect(sentences[1]).toContain(`${t.changes.meanPain('3')}, ${t.changes.down('2', '15 mg')}`);
    expect(sentences[1]).toContain(t.changes.weeks(4, 4));
    expect(sentences[2]).toContain(t.changes.phaseInterrupted(medicationsText.reasons.infection, phases.length(4, 4)));
    expect(sentences[2]).toContain(t.changes.meanPainFew('5'));
    expect(sentences[2]).toContain(t.changes.backAbove(4));
    // The ongoing phase stops at yesterday, the last logged day.
    expect(sentences[3]).toContain(phases.length(24, 24));

    // Where there is room, the same figures are a table.
    await page.setViewportSize({ width: 1024, height: 900 });
    const rows = await trends.phaseTableRows(name);
    expect(rows).toHaveLength(5);
    expect(rows.slice(1).map((row) => row[1])).toEqual([
      '5',
      `3 | ${phases.changeFromBefore('-2')}`,
      `${phases.withFewDays('5')} | ${phases.changeFromBefore('+2')}`,
      `3 | ${phases.changeFromBefore('-2')}`,
    ]);
    expect(rows[0]?.slice(2, 4)).toEqual([columns.nrs30, columns.afterInterruption]);
    expect(rows[3]?.[3]).toBe(`${phases.after.firstFlare(3)} | ${phases.after.backAbove(4)}`);
    expect(rows[1]?.[3]).toBe(phases.none);
    await page.setViewportSize({ width: 390, height: 844 });
  });

  test('switches ranges, and a tap on the chart opens that day', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.save.waitFor();
    await recordHistory(app);
    const trends = new TrendsScreen(app);
    await trends.open();
    const t = trends.t;
    await trends.events.first().waitFor();

    const rangeText = async (from: number, to = 0) =>
      t.range.shown(await shortDate(page, localDate(from)), await shortDate(page, localDate(to)));

    await expect.poll(() => trends.rangeHeading.innerText()).toBe(await rangeText(-89));

    await trends.range('30d').check();
    await expect.poll(() => trends.rangeHeading.innerText()).toBe(await rangeText(-29));
    await expect.poll(() => trends.events.count()).toBe(2);

    await trends.range('1y').check();
    await expect.poll(() => trends.rangeHeading.innerText()).toBe(await rangeText(-364));
    await trends.figure.getByText(t.chart.tapWeekly).waitFor();
    await expect.poll(() => trends.events.count()).toBe(4);

    await trends.range('all').check();
    await expect.poll(() => trends.rangeHeading.innerText()).toBe(await rangeText(-95));
    await expect.poll(() => trends.events.count()).toBe(4);

    await trends.range('custom').check();
    await page.locator('input[name=from]').fill(localDate(-30));
    await page.locator('input[name=to]').fill(localDate(-20));
    await expect.poll(() => trends.rangeHeading.innerText()).toBe(await rangeText(-30, -20));
    await page.locator('input[name=from]').fill(localDate(-10));
    await page.getByRole('alert').getByText(t.range.invalid).waitFor();

    // Back to 30 days, then tap the middle of the plot: it opens a day of the range. The chart is scrolled
    // to the top of the viewport first, clear of anything pinned to the foot of the screen.
    await trends.range('30d').check();
    await expect.poll(() => pixelsOfColor(page, UPADACITINIB_BLUE), { timeout: 5_000 }).toBeGreaterThan(50);
    await trends.canvas.evaluate((canvas) => canvas.scrollIntoView({ block: 'start' }));
    const box = await trends.canvas.boundingBox();
    if (!box) throw new Error('The chart has no box');
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.waitForURL(/#\/day\/\d{4}-\d{2}-\d{2}$/);
    const opened = new URL(page.url()).hash.slice('#/day/'.length);
    expect(opened >= localDate(-29) && opened <= localDate(0)).toBe(true);
  });

  test('a tap on empty chart space opens nothing; a tap on a logged day opens it', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.save.waitFor();
    // The first half of the last 30 days is logged, the recent half is empty.
    const days: SeedDay[] = [];
    for (let offset = -29; offset <= -16; offset += 1) days.push(seedDay(localDate(offset), 5));
    await writeDays(page, days);
    const trends = new TrendsScreen(app);
    await trends.open();
    await trends.range('30d').check();
    await trends.canvas.waitFor();
    await expect.poll(() => trends.rangeHeading.innerText()).toContain(await shortDate(page, localDate(-29)));
    await trends.canvas.evaluate((canvas) => canvas.scrollIntoView({ block: 'start' }));
    const box = await trends.canvas.boundingBox();
    if (!box) throw new Error('The chart has no box');

    await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.5);
    // Give a navigation the time it would take, then check none happened.
    await page.waitForTimeout(500);
    expect(new URL(page.url()).hash).toBe('#/trends');

    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.waitForURL(/#\/day\/\d{4}-\d{2}-\d{2}$/);
    const opened = new URL(page.url()).hash.slice('#/day/'.length);
    expect(opened >= localDate(-29) && opened <= localDate(-16)).toBe(true);
    await app.form.saveChanges.waitFor();
  });

  test.each(['en', 'zh-CN'] as const)(
    'axe finds nothing on Medications and Trends in %s',
    async (lang: Lang) => {
      const { page } = await e2e.open('#/', { locale: lang });
      const app = new HsDiary(page, e2e.url, lang);
      await app.form.save.waitFor();
      await recordHistory(app);
      const found = await axeViolations(page, 'Medications');

      const trends = new TrendsScreen(app);
      await trends.open();
      await trends.events.first().waitFor();
      await trends.canvas.waitFor();
      await trends.showTable.click();
      await trends.dayTable.waitFor();
      found.push(...(await axeViolations(page, 'Trends (90 days, table open)')));
      await trends.range('1y').check();
      await trends.figure.getByText(trends.t.chart.tapWeekly).waitFor();
      found.push(...(await axeViolations(page, 'Trends (1 year, weekly)')));
      await page.setViewportSize({ width: 1024, height: 900 });
      found.push(...(await axeViolations(page, 'Trends (wide, phase table)')));
      expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
    },
    120_000,
  );

  test('every control on Medications (history, event form) and Trends is at least 44x44 CSS px', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.save.waitFor();
    await recordHistory(app);
    const { measure, offenders } = touchTargetAudit(page);
    await measure('Medications');
    await page.getByRole('button', { name: app.t.medications.add, exact: true }).click();
    await measure('Medications (add form)');

    const trends = new TrendsScreen(app);
    await trends.open();
    await trends.canvas.waitFor();
    await measure('Trends');
    await trends.showTable.click();
    await trends.dayTable.waitFor();
    await measure('Trends (day table open)');
    expect(offenders).toEqual({});
  });

  test('says what to do when nothing is logged and no medication is recorded', async () => {
    const { page } = await e2e.open('#/trends');
    const app = new HsDiary(page, e2e.url);
    const trends = new TrendsScreen(app);
    await trends.heading.waitFor();
    await page.getByText(trends.t.empty.range).waitFor();
    await trends.range('all').check();
    await page.getByText(trends.t.empty.nothing).waitFor();
    await page.getByText(trends.t.phases.noMedications).waitFor();
    await expect(
      page.getByRole('link', { name: trends.t.phases.addLink, exact: true }).getAttribute('href'),
    ).resolves.toBe('#/medications');
    await expect(trends.canvas.count()).resolves.toBe(0);
  });
});
