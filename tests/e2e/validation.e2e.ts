/** Bad input gets a clear message, nothing is written, and nothing the patient typed is lost. */
import { describe, expect, test } from 'vitest';
import { HsDiary } from './page-models/hs-diary';
import { localDate, readStoredDays, useE2E } from './support';

const e2e = useE2E();

async function openApp(hash = '#/'): Promise<HsDiary> {
  const { page } = await e2e.open(hash);
  return new HsDiary(page, e2e.url);
}

describe('validation', () => {
  test('a tampered pain of 11 is refused with the pain message and nothing is written', async () => {
    const app = await openApp();
    const tampered = app.page.locator('input[name=pain][value="10"]');
    await tampered.evaluate((input) => input.setAttribute('value', '11'));
    await app.form.pain(10).click();
    await app.form.drainage(1).click();
    await app.form.save.click();

    await app.form.problems.waitFor();
    await expect.poll(() => app.form.problems.innerText()).toContain(app.t.form.problems.pain);
    await expect.poll(() => app.form.problems.innerText()).toContain(app.t.form.problemsTitle);
    expect(await readStoredDays(app.page)).toEqual([]);
    await expect(app.today.savedHeading.count()).resolves.toBe(0);

    await app.reload();
    await app.form.save.waitFor();
    await expect(app.today.savedHeading.count()).resolves.toBe(0);
    expect(await readStoredDays(app.page)).toEqual([]);
  });

  test('a future date cannot be opened, from the address or from the Diary, and 30 February is not a date', async () => {
    const tomorrow = localDate(1);
    const app = await openApp(`#/day/${tomorrow}`);
    const day = app.day(tomorrow);
    await day.invalidHeading.waitFor();
    await expect.poll(() => day.alert.innerText()).toBe(app.t.day.futureDate);
    await expect(app.page.locator('main form').count()).resolves.toBe(0);
    await expect(app.form.save.count()).resolves.toBe(0);
    await expect(app.form.painGroup.count()).resolves.toBe(0);

    await app.diary.open();
    await app.diary.otherDate.fill(tomorrow);
    await app.diary.openButton.click();
    await app.diary.problem.waitFor();
    await expect.poll(() => app.diary.problem.innerText()).toBe(app.t.day.futureDate);
    await expect(app.diary.heading.isVisible()).resolves.toBe(true);
    expect(new URL(app.page.url()).hash).toBe('#/diary');
    await expect(app.diary.otherDate.getAttribute('aria-invalid')).resolves.toBe('true');

    await app.goto('#/day/2026-02-30');
    await app.day('2026-02-30').invalidHeading.waitFor();
    await expect.poll(() => app.day('2026-02-30').alert.innerText()).toBe(app.t.day.notADate);
    await expect(app.form.save.count()).resolves.toBe(0);
    expect(await readStoredDays(app.page)).toEqual([]);
  });

  test('a 10,000-character note is refused with a clear message, kept in the box, and nothing is written', async () => {
    const app = await openApp();
    const note = 'x'.repeat(10_000);
    await app.form.openMoreDetails();
    await app.form.note.fill(note);
    await app.form.pain(3).click();
    await app.form.drainage(0).click();
    await app.form.save.click();

    await app.form.problems.waitFor();
    await expect.poll(() => app.form.problems.innerText()).toContain('The note is too long');
    await expect.poll(() => app.form.problems.innerText()).toContain(app.t.form.problems.noteTooLong(10_000, 2000));
    await expect(app.form.note.inputValue()).resolves.toBe(note);
    await expect(app.form.pain(3).isChecked()).resolves.toBe(true);
    expect(await readStoredDays(app.page)).toEqual([]);
    await expect(app.today.savedHeading.count()).resolves.toBe(0);
  });
});
