/** The diary as a new patient uses it: log today, fill in a missed day, edit, delete and undo, quick saves. */
import { describe, expect, test } from 'vitest';
import { HsDiary } from './page-models/hs-diary';
import { localDate, readStoredDays, useE2E } from './support';

const e2e = useE2E();

async function openApp(hash = '#/'): Promise<HsDiary> {
  const { page } = await e2e.open(hash);
  return new HsDiary(page, e2e.url);
}

describe('the diary', () => {
  test('logs today, and after a reload Today shows it as logged with its pain', async () => {
    const app = await openApp();
    await app.form.save.waitFor();
    await expect(app.today.heading.isVisible()).resolves.toBe(true);
    expect(await app.today.saved.count()).toBe(0);

    await app.form.pain(4).click();
    await app.form.drainage(1).click();
    await app.form.save.click();
    await app.today.savedHeading.waitFor();

    await app.reload();
    await app.today.savedHeading.waitFor();
    expect(await app.today.savedPain()).toBe(4);
    expect(await app.form.save.count()).toBe(0);
    const stored = await readStoredDays(app.page);
    expect(stored.map(({ date, pain, drainage }) => ({ date, pain, drainage }))).toEqual([
      { date: localDate(0), pain: 4, drainage: 1 },
    ]);
  });

  test('lists the days without an entry on Today, oldest first, and a filled-in day leaves the list', async () => {
    const app = await openApp();
    // No entries yet: nothing can have been missed.
    await app.form.save.waitFor();
    expect(await app.today.missed.count()).toBe(0);

    const threeDaysAgo = localDate(-3);
    const twoDaysAgo = localDate(-2);
    const yesterday = localDate(-1);
    await app.day(threeDaysAgo).log(6, 2);

    await app.navLink('today').click();
    await app.today.missed.waitFor();
    await expect(
      app.today.missedLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).resolves.toEqual([`#/day/${twoDaysAgo}`, `#/day/${yesterday}`]);
    const twoDaysAgoLink = await app.today.missedLink(twoDaysAgo);
    expect(await (await app.today.missedLink(yesterday)).count()).toBe(1);
    expect(await twoDaysAgoLink.count()).toBe(1);

    await twoDaysAgoLink.click();
    await (await app.day(twoDaysAgo).heading()).waitFor();
    await app.form.fill(3, 1);
    await app.form.save.click();
    await app.page.waitForURL((url) => !url.hash.startsWith('#/day/'));
    // Saving goes back to the screen the patient came from (Today), as DayScreen's router.back() intends.
    expect
      .soft(new URL(app.page.url()).hash, 'after saving a day opened from Today, the app is back on Today')
      .toMatch(/^#\/?$/);
    if (!(await app.today.heading.isVisible())) await app.navLink('today').click();

    await app.today.missed.waitFor();
    await expect(
      app.today.missedLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).resolves.toEqual([`#/day/${yesterday}`]);
    expect(await (await app.today.missedLink(twoDaysAgo)).count()).toBe(0);
    const stored = await readStoredDays(app.page);
    expect(stored.map((day) => [day.date, day.pain]).sort()).toEqual([
      [threeDaysAgo, 6],
      [twoDaysAgo, 3],
    ]);
  });

  test('edits a day opened from the Diary list, and the list shows the new pain', async () => {
    const app = await openApp();
    const date = localDate(-1);
    await app.day(date).log(2, 0);

    await app.diary.open(date.slice(0, 7));
    const entry = await app.diary.entry(date);
    await expect.poll(() => entry.innerText()).toContain(app.t.diary.pain(2));
    await entry.click();
    await (await app.day(date).heading()).waitFor();
    await expect(app.form.pain(2).isChecked()).resolves.toBe(true);

    await app.form.pain(7).click();
    await app.form.saveChanges.click();
    await app.diary.heading.waitFor();
    await expect.poll(() => entry.innerText()).toContain(app.t.diary.pain(7));
    await expect.poll(() => entry.innerText()).not.toContain(app.t.diary.pain(2));
    expect((await readStoredDays(app.page)).map((day) => [day.date, day.pain])).toEqual([[date, 7]]);
  });

  test('deletes a day after confirming, keeps it when the dialog is cancelled, and Undo brings it back', async () => {
    const app = await openApp();
    const date = localDate(-1);
    const day = app.day(date);
    await day.log(5, 2);

    await app.diary.open(date.slice(0, 7));
    const entry = await app.diary.entry(date);
    await entry.click();
    await (await day.heading()).waitFor();

    // Cancel first: the dialog closes and the day stays.
    await day.deleteButton.click();
    await day.dialog.waitFor();
    await expect(
      day.dialog.getByText(app.t.day.deleteConfirmBody(await app.formatDate(date, 'long'))).count(),
    ).resolves.toBe(1);
    await day.cancelDelete.click();
    await day.dialog.waitFor({ state: 'hidden' });
    await expect((await day.heading()).isVisible()).resolves.toBe(true);
    expect(await readStoredDays(app.page)).toHaveLength(1);

    // Now for real.
    await day.deleteButton.click();
    await day.dialog.waitFor();
    await day.confirmDelete.click();
    await app.diary.heading.waitFor();
    await entry.waitFor({ state: 'detached' });
    await expect((await app.diary.entries(date)).getByText(app.t.diary.empty).count()).resolves.toBe(1);
    expect(await readStoredDays(app.page)).toEqual([]);
    await expect(
      app.notice.getByText(app.t.day.deletedToast(await app.formatDate(date, 'medium'))).count(),
    ).resolves.toBe(1);

    await app.undoButton.click();
    await entry.waitFor();
    await expect.poll(() => entry.innerText()).toContain(app.t.diary.pain(5));
    await app.notice.getByText(app.t.day.restoredToast).waitFor();
    expect((await readStoredDays(app.page)).map((stored) => [stored.date, stored.pain])).toEqual([[date, 5]]);
  });

  test('"Same as yesterday" saves today with yesterday\'s pain in one tap', async () => {
    const app = await openApp();
    const yesterday = localDate(-1);
    await app.day(yesterday).log(6, 2);

    await app.navLink('today').click();
    await app.today.sameAsYesterday.waitFor();
    await app.today.sameAsYesterday.click();

    await app.today.savedHeading.waitFor();
    expect(await app.today.savedPain()).toBe(6);
    const today = (await readStoredDays(app.page)).find((day) => day.date === localDate(0));
    expect(today).toMatchObject({ pain: 6, drainage: 2, flare: false });
  });

  test('a normal day is saved with exactly three taps: pain, drainage, Save', async () => {
    const app = await openApp();
    await app.page.evaluate(() => {
      const clicks: string[] = [];
      (window as unknown as { __clicks: string[] }).__clicks = clicks;
      document.addEventListener('click', (event) => {
        if (event.isTrusted) clicks.push((event.target as Element).tagName);
      });
    });

    await app.form.pain(3).click();
    await app.form.drainage(0).click();
    await app.form.save.click();

    await app.today.savedHeading.waitFor();
    expect(await app.today.savedPain()).toBe(3);
    await expect(app.page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks.length)).resolves.toBe(
      3,
    );
    const stored = await readStoredDays(app.page);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      date: localDate(0),
      pain: 3,
      drainage: 0,
      dressingChanges: 0,
      flare: false,
      regions: [],
      note: '',
    });
  });

  test('a day opened from "Log or open another day" is shown in its month after saving, its flare marked', async () => {
    const app = await openApp();
    // 40 days back is always in an earlier month.
    const date = localDate(-40);
    await app.diary.open();
    await app.diary.otherDate.fill(date);
    await app.diary.openButton.click();
    await (await app.day(date).heading()).waitFor();
    await app.form.fill(7, 2);
    await app.form.flare(true).click();
    await app.form.region('axilla-left').click();
    await app.form.save.click();

    await app.diary.heading.waitFor();
    const monthName = await app.formatDate(`${date.slice(0, 7)}-01`, 'month');
    await app.page.getByRole('heading', { level: 2, name: monthName, exact: true }).waitFor();
    const cell = await app.diary.calendarCell(date);
    await expect.poll(() => cell.getAttribute('aria-label')).toMatch(/pain 7, flare$/);
    await expect(cell.innerText()).resolves.toContain('▲');
  });
});
