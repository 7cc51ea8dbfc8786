/**
 * Accessibility: axe-core finds nothing on any screen, in light and dark, in English and Chinese; a day can
 * be logged with the keyboard alone; and every control is a touch target of at least 44x44 CSS px.
 */
import { describe, expect, test } from 'vitest';
import { axeViolations } from './axe';
import { HsDiary, type Lang } from './page-models/hs-diary';
import { seedDay, writeDays } from './page-models/trends';
import { localDate, readStoredDays, useE2E } from './support';
import { smallTargets, touchTargetAudit } from './touch-targets';

const e2e = useE2E();

/**
 * Days 2..12 days ago with pains 0..10 (every colour of the calendar), leaving yesterday missed; written
 * straight into the database (logging a day through its screen is diary.e2e's), then the app reloaded.
 */
async function seedDays(app: HsDiary): Promise<string[]> {
  const dates = Array.from({ length: 11 }, (_, pain) => localDate(-2 - pain));
  await writeDays(
    app.page,
    dates.map((date, pain) => seedDay(date, pain, { drainage: pain % 4 })),
  );
  await app.reload();
  return dates;
}

describe.each(['en', 'zh-CN'] as const)('axe-core in %s', (lang: Lang) => {
  test('finds no violations on any screen, in light and dark', async () => {
    const { page } = await e2e.open('#/', { locale: lang, colorScheme: 'light' });
    const app = new HsDiary(page, e2e.url, lang);
    const found: string[] = [];
    const checked: string[] = [];
    const check = async (screen: string) => {
      checked.push(screen);
      found.push(...(await axeViolations(page, screen)));
    };

    await app.today.heading.waitFor();
    await app.form.save.waitFor();
    await check('Today (empty form)');

    await app.form.flare(true).check();
    await app.form.whereGroup.waitFor();
    await app.form.openMoreDetails();
    await check('Today (flare Yes, more details open)');

    const dates = await seedDays(app);
    await app.goto('#/');
    await app.today.missed.waitFor();
    await check('Today (missed days, quick save)');

    await app.form.fill(5, 1);
    await app.form.save.click();
    await app.today.savedHeading.waitFor();
    await check('Today (logged)');

    const months = [...new Set([localDate(0), ...dates].map((date) => date.slice(0, 7)))];
    for (const month of months) {
      await app.diary.open(month);
      await (await app.diary.entries(`${month}-01`)).getByRole('link').first().waitFor();
      await check(`Diary ${month}`);
    }

    const day = app.day(dates[3] ?? '');
    await day.open();
    await day.deleteButton.waitFor();
    await check('Day (saved entry)');
    await day.deleteButton.click();
    await day.dialog.waitFor();
    await check('Day (delete dialog open)');
    await day.cancelDelete.click();

    await app.day(localDate(-1)).open();
    await app.form.save.waitFor();
    await check('Day (no entry yet)');

    await app.goto('#/settings');
    await app.settings.heading.waitFor();
    await check('Settings');

    await app.goto('#/nope');
    await page.getByRole('heading', { level: 1, name: app.t.notFound.title, exact: true }).waitFor();
    await check('Not found');

    expect(checked).toHaveLength(9 + months.length);
    expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
  }, 180_000);
});

describe('keyboard and touch', () => {
  test('moves focus to the heading of every screen reached from the nav, lazily loaded ones too', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.save.waitFor();
    const t = app.t;
    for (const screen of ['diary', 'medications', 'trends', 'summary', 'settings', 'today'] as const) {
      await app.nav.getByRole('link', { name: t.nav[screen], exact: true }).press('Enter');
      await page
        .waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.isConnected, null, {
          timeout: 5000,
        })
        .catch(async () => {
          const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
          throw new Error(`after ${screen}, focus is on ${focused}`);
        });
      const heading = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      expect(heading, screen).toBe(((await app.h1.textContent()) ?? '').trim());
    }
  });

  test('a day can be logged with the keyboard alone', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.save.waitFor();
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return null;
        return {
          tag: element.tagName.toLowerCase(),
          name: element.getAttribute('name'),
          type: element.getAttribute('type'),
          text: element.textContent?.trim() ?? '',
        };
      });
    const tabUntil = async (what: string, isIt: (element: Awaited<ReturnType<typeof focused>>) => boolean) => {
      for (let presses = 0; presses < 60; presses += 1) {
        await page.keyboard.press('Tab');
        if (isIt(await focused())) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };

    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toMatchObject({ tag: 'a', text: app.t.app.skipToContent });

    await tabUntil('the pain scale', (element) => element?.name === 'pain');
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowRight');
    await expect(app.form.pain(4).isChecked()).resolves.toBe(true);

    await tabUntil('the drainage choices', (element) => element?.name === 'drainage');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect(app.form.drainage(1).isChecked()).resolves.toBe(true);

    await tabUntil('the Save button', (element) => element?.tag === 'button' && element.text === app.t.form.save);
    await page.keyboard.press('Enter');

    await app.today.savedHeading.waitFor();
    expect(await app.today.savedPain()).toBe(4);
    const stored = await readStoredDays(page);
    expect(stored.map(({ date, pain, drainage }) => ({ date, pain, drainage }))).toEqual([
      { date: localDate(0), pain: 4, drainage: 1 },
    ]);
  });

  test('every button, link and choice on Today, Diary and Settings is at least 44x44 CSS px', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    const { measure, offenders } = touchTargetAudit(page);

    // Sanity check of the measurement: a deliberately tiny button is reported.
    await page.evaluate(() => {
      const probe = document.createElement('button');
      probe.id = 'e2e-tiny-probe';
      probe.textContent = 'tiny probe';
      probe.style.cssText = 'all: unset; position: fixed; top: 0; left: 0; font-size: 8px;';
      document.body.append(probe);
    });
    expect((await smallTargets(page)).map((target) => target.text)).toContain('tiny probe');
    await page.evaluate(() => document.getElementById('e2e-tiny-probe')?.remove());

    await app.form.save.waitFor();
    await measure('Today (empty form)');
    await app.form.flare(true).check();
    await app.form.whereGroup.waitFor();
    await app.form.openMoreDetails();
    await app.form.pain(2).check();
    await measure('Today (flare Yes, more details open)');

    const earlier = localDate(-3);
    await app.day(earlier).log(8, 3);
    await app.day(localDate(-2)).log(1, 0);
    await app.goto('#/');
    await app.today.missed.waitFor();
    await measure('Today (missed days, quick save)');
    await app.form.fill(3, 1);
    await app.form.save.click();
    await app.today.savedHeading.waitFor();
    await measure('Today (logged)');

    await app.diary.open(earlier.slice(0, 7));
    await (await app.diary.entry(earlier)).waitFor();
    await measure('Diary');

    await app.goto('#/settings');
    await app.settings.heading.waitFor();
    await app.page.getByRole('heading', { level: 2, name: app.t.settings.storage, exact: true }).waitFor();
    await measure('Settings');

    expect(offenders).toEqual({});
  });
});
