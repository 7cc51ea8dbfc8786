/**
 * Today in one hand on a 390 x 844 phone (issue 13): Save in reach once pain and drainage are chosen, at
 * 16 px and 32 px text; the check-in first after a gap; missed days filled in a tap each, or all at once;
 * focus on the result after Save; and the taps a normal day, an unchanged day, a flare and missed days take.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HsDiary } from './page-models/hs-diary';
import { TodayDoses, writeMedications } from './page-models/reminders';
import { seedDay, writeDays } from './page-models/trends';
import { localDate, readStoredDays, useE2E, waitForAppDatabase } from './support';

const e2e = useE2E();

/** Large text as a phone's text scaling gives it: the browser's default font at 32 px instead of 16. */
async function setDefaultFontPx(context: BrowserContext, page: Page, px: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
}

/**
 * Whether the patient can tap `target` where the page is now, without scrolling: inside the viewport, and
 * what is drawn at its centre is the control itself (or its label), not a bar or card over it.
 */
function isInReach(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.top < 0 || box.bottom > innerHeight || box.left < 0 || box.right > innerWidth)
      return false;
    // The centre and points near each edge (inside any rounded corners, which hit-testing respects).
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const points = [
      [x, y],
      [box.left + box.width * 0.1, y],
      [box.right - box.width * 0.1, y],
      [x, box.top + box.height * 0.1],
      [x, box.bottom - box.height * 0.1],
    ] as const;
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !!hit && (element.contains(hit) || !!hit.closest('label')?.contains(element));
    });
  });
}

/** Counts the patient's taps (trusted clicks) in the page, and the scrolls a tap needed first. */
class TapCounter {
  scrolls = 0;
  constructor(private readonly page: Page) {}

  async start(): Promise<void> {
    await this.page.evaluate(() => {
      const counted = window as unknown as { __taps: number };
      counted.__taps = 0;
      document.addEventListener('click', (event) => event.isTrusted && (counted.__taps += 1), true);
    });
  }

  /** Tap `target`; when it is out of reach, scroll to it first (one scroll) as the patient would. */
  async tap(target: Locator): Promise<void> {
    if (!(await isInReach(target))) {
      this.scrolls += 1;
      await target.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    }
    await target.click();
  }

  taps(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __taps: number }).__taps);
  }
}

describe('Save in reach', () => {
  test.each([16, 32])(
    'on a first visit at %i px text, Save is on screen and uncovered once pain and drainage are chosen',
    async (px) => {
      const { context, page } = await e2e.open('#/');
      await setDefaultFontPx(context, page, px);
      const app = new HsDiary(page, e2e.url);
      await app.form.save.waitFor();
      await app.form.pain(4).click();
      await app.form.drainage(1).click();
      await expect.poll(() => isInReach(app.form.save), { message: 'Save is in view and not covered' }).toBe(true);
      // Nothing of the form is hidden for good: scrolled to its end, the last question is above the bar.
      await app.form.moreDetails.evaluate((element) => element.scrollIntoView({ block: 'end' }));
      await expect.poll(() => isInReach(app.form.moreDetails)).toBe(true);
      await app.form.save.click();
      await app.today.savedHeading.waitFor();
    },
  );

  test('with the on-screen keyboard up, the action bar sits just above it', async () => {
    const context = await e2e.newContext();
    // Phones shrink only the visual viewport when the keyboard opens: a stand-in visualViewport does that.
    await context.addInitScript(() => {
      const keyboard = { px: 0 };
      const viewport = new EventTarget();
      Object.defineProperties(viewport, {
        height: { get: () => innerHeight - keyboard.px },
        offsetTop: { get: () => 0 },
      });
      Object.defineProperty(window, 'visualViewport', { value: viewport, configurable: true });
      Object.assign(window, {
        openKeyboard: (px: number) => ((keyboard.px = px), viewport.dispatchEvent(new Event('resize'))),
      });
    });
    const page = await context.newPage();
    const app = new HsDiary(page, e2e.url);
    await app.goto('#/');
    await app.form.fill(4, 1);
    await page.evaluate(() => (window as unknown as { openKeyboard: (px: number) => void }).openKeyboard(300));
    await expect
      .poll(async () => {
        const box = await app.form.save.boundingBox();
        return box ? box.y + box.height : Infinity;
      })
      .toBeLessThanOrEqual(844 - 300);
    expect(await isInReach(app.form.save)).toBe(true);
  });
});

describe('Today after a gap', () => {
  test('the check-in comes before today’s doses and the missed days, on the first screen', async () => {
    const { page } = await e2e.open('#/', { serviceWorkers: 'block' });
    await waitForAppDatabase(page);
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
    await writeDays(page, [seedDay(localDate(-6), 5)]);
    const app = new HsDiary(page, e2e.url);
    await app.reload();
    const doses = new TodayDoses(app);
    await doses.card.waitFor();
    await app.today.missed.waitFor();

    const top = async (locator: Locator) => (await locator.boundingBox())?.y ?? Infinity;
    const painTop = await top(app.form.painGroup);
    expect(painTop, 'the pain scale is on the first screen').toBeLessThan(844 / 2);
    expect(painTop).toBeLessThan(await top(doses.card));
    expect(painTop).toBeLessThan(await top(app.today.missed));
  });
});

describe('missed days', () => {
  async function openWithGap(): Promise<HsDiary> {
    const { page } = await e2e.open('#/');
    await waitForAppDatabase(page);
    await writeDays(page, [seedDay(localDate(-4), 6, { drainage: 2, dressingChanges: 3 })]);
    const app = new HsDiary(page, e2e.url);
    await app.reload();
    await app.today.missed.waitFor();
    return app;
  }

  test('are listed oldest first; "same as the day before" fills one, "all" fills the rest, and each can still be opened', async () => {
    const app = await openWithGap();
    const t = app.t.today;
    const [threeAgo, twoAgo, yesterday] = [localDate(-3), localDate(-2), localDate(-1)];
    const labels = async (...dates: string[]) =>
      Promise.all(dates.map(async (date) => t.fillIn(await app.formatDate(date, 'long'))));
    await expect(app.today.missedLinks.evaluateAll((links) => links.map((a) => a.ariaLabel))).resolves.toEqual(
      await labels(threeAgo, twoAgo, yesterday),
    );

    // Only the oldest has a logged day before it.
    expect(await app.today.missed.getByText(t.sameAsDayBefore, { exact: true }).count()).toBe(1);
    const oneTap = app.today.missed.getByRole('button', {
      name: t.sameAsDayBeforeLabel(await app.formatDate(threeAgo, 'long'), await app.formatDate(localDate(-4), 'long')),
      exact: true,
    });
    await oneTap.click();
    await expect.poll(async () => (await readStoredDays(app.page)).map((day) => day.date).sort()).toContain(threeAgo);

    // The filled day stays on the card as a link to open it; the rest can now go in one tap.
    const openThreeAgo = app.today.missed.getByRole('link', {
      name: t.filledLabel(await app.formatDate(threeAgo, 'long')),
      exact: true,
    });
    await openThreeAgo.waitFor();
    const all = app.today.missed.getByRole('button', {
      name: t.fillRun(2, await app.formatDate(threeAgo, 'medium')),
      exact: true,
    });
    await all.click();
    await expect
      .poll(async () =>
        (await readStoredDays(app.page)).map(({ date, pain, drainage }) => [date, pain, drainage]).sort(),
      )
      .toEqual([
        [localDate(-4), 6, 2],
        [threeAgo, 6, 2],
        [twoAgo, 6, 2],
        [yesterday, 6, 2],
      ]);
    expect(await app.today.missed.getByRole('link').count()).toBe(3);

    await app.today.missed
      .getByRole('link', { name: t.filledLabel(await app.formatDate(twoAgo, 'long')), exact: true })
      .click();
    await (await app.day(twoAgo).heading()).waitFor();
    await app.form.saveChanges.waitFor();
    expect(await app.form.pain(6).isChecked()).toBe(true);
  });
});

/** The text of the focused element if it is a heading, else its tag name ("BODY"). */
function focusedHeading(page: Page): Promise<string> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    return focused?.matches('h1, h2, h3') ? (focused.textContent?.trim() ?? '') : (focused?.tagName ?? '');
  });
}

describe('focus after Save', () => {
  test('goes to "Today is logged", from the form and from the one-tap save', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.fill(3, 1);
    await app.form.save.click();
    await app.today.savedHeading.waitFor();
    await expect.poll(() => focusedHeading(page)).toContain(app.t.today.savedTitle);

    const { page: next } = await e2e.open('#/');
    await waitForAppDatabase(next);
    await writeDays(next, [seedDay(localDate(-1), 5)]);
    const returning = new HsDiary(next, e2e.url);
    await returning.reload();
    await returning.today.sameAsYesterday.click();
    await returning.today.savedHeading.waitFor();
    await expect.poll(() => focusedHeading(next)).toContain(app.t.today.savedTitle);
  });
});

describe('tap counts (issue 13 closing note)', () => {
  test('a normal day, an unchanged day, a flare with three regions and three missed days', async () => {
    const counts: Record<string, { taps: number; scrolls: number }> = {};

    // A normal day, on a first visit: pain, drainage, Save.
    {
      const { page } = await e2e.open('#/');
      const app = new HsDiary(page, e2e.url);
      await app.form.save.waitFor();
      const counter = new TapCounter(page);
      await counter.start();
      await counter.tap(app.form.pain(3));
      await counter.tap(app.form.drainage(1));
      await counter.tap(app.form.save);
      await app.today.savedHeading.waitFor();
      counts.normal = { taps: await counter.taps(), scrolls: counter.scrolls };
    }

    // An unchanged day: yesterday is logged, "Same as yesterday".
    {
      const { page } = await e2e.open('#/');
      await waitForAppDatabase(page);
      await writeDays(page, [seedDay(localDate(-1), 4)]);
      const app = new HsDiary(page, e2e.url);
      await app.reload();
      const counter = new TapCounter(page);
      await counter.start();
      await counter.tap(app.today.sameAsYesterday);
      await app.today.savedHeading.waitFor();
      counts.unchanged = { taps: await counter.taps(), scrolls: counter.scrolls };
    }

    // A flare in three regions: pain, drainage, flare yes, three regions, Save.
    {
      const { page } = await e2e.open('#/');
      const app = new HsDiary(page, e2e.url);
      await app.form.save.waitFor();
      const counter = new TapCounter(page);
      await counter.start();
      await counter.tap(app.form.pain(7));
      await counter.tap(app.form.drainage(2));
      await counter.tap(app.form.flare(true));
      for (const region of ['axilla-left', 'axilla-right', 'groin-left'] as const) {
        await app.form.region(region).waitFor();
        await counter.tap(app.form.region(region));
      }
      await counter.tap(app.form.save);
      await app.today.savedHeading.waitFor();
      const [stored] = await readStoredDays(page);
      expect(stored?.regions.sort()).toEqual(['axilla-left', 'axilla-right', 'groin-left']);
      counts.flare = { taps: await counter.taps(), scrolls: counter.scrolls };
    }

    // Three missed days that were alike: one tap fills them all.
    {
      const { page } = await e2e.open('#/');
      await waitForAppDatabase(page);
      await writeDays(page, [seedDay(localDate(-4), 4)]);
      const app = new HsDiary(page, e2e.url);
      await app.reload();
      await app.today.missed.waitFor();
      const counter = new TapCounter(page);
      await counter.start();
      await counter.tap(
        app.today.missed.getByRole('button', {
          name: app.t.today.fillRun(3, await app.formatDate(localDate(-4), 'medium')),
          exact: true,
        }),
      );
      await expect.poll(async () => (await readStoredDays(page)).length).toBe(4);
      counts.missedAlike = { taps: await counter.taps(), scrolls: counter.scrolls };
    }

    console.info(`tap counts at 390x844: ${JSON.stringify(counts)}`);
    // Taps are exact; scrolls are counted for the record, and must stay at none for the everyday cases.
    expect(counts).toEqual({
      normal: { taps: 3, scrolls: 0 },
      unchanged: { taps: 1, scrolls: 0 },
      flare: { taps: 7, scrolls: counts.flare?.scrolls },
      missedAlike: { taps: 1, scrolls: counts.missedAlike?.scrolls },
    });
  });
});
