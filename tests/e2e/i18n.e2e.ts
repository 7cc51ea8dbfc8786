/** Languages: switching to Chinese changes every screen at once, is remembered, and follows the browser at first. */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HsDiary, MESSAGES } from './page-models/hs-diary';
import { localDate, useE2E } from './support';

const e2e = useE2E();

/**
 * Latin words a Chinese screen may show: the "HS" of the app's name, "English" (the language picker names each
 * language in itself, deliberately) and the byte units.
 */
const ALLOWED_LATIN = new Set(['HS', 'English', 'KB', 'MB', 'GB', 'TB']);

/**
 * Latin words (two letters or more) in what the screen shows — the visible text (innerText skips hidden and
 * collapsed content but keeps screen-reader-only text) — and in the accessible names given by `aria-label` and
 * `title`, minus the allowlist.
 */
async function latinWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(() =>
    [
      document.title,
      document.body.innerText,
      ...Array.from(document.querySelectorAll('[aria-label], [title]'), (element) =>
        [element.getAttribute('aria-label'), element.getAttribute('title')].join(' '),
      ),
    ].join('\n'),
  );
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words)].filter((word) => !ALLOWED_LATIN.has(word));
}

/** Every word is reported, with the screen it was found on, so a failure says what to translate. */
async function expectChinese(app: HsDiary, screen: string): Promise<void> {
  expect({ screen, latinWords: await latinWords(app.page) }).toEqual({ screen, latinWords: [] });
}

describe('languages', () => {
  test('switching to Chinese in Settings turns every screen Chinese without a reload, and it is remembered', async () => {
    const { page } = await e2e.open('#/', { locale: 'en-US' });
    const app = new HsDiary(page, e2e.url, 'en');
    await app.today.heading.waitFor();
    // Sanity check of the checker: the English screen is full of Latin words.
    expect(await latinWords(page)).toEqual(expect.arrayContaining(['Today', 'Diary', 'Settings']));
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await app.chooseLanguage('zh-CN');
    await app.settings.heading.waitFor();
    await expect(page.evaluate(() => [document.documentElement.lang, document.title])).resolves.toEqual([
      'zh-CN',
      MESSAGES['zh-CN'].app.name,
    ]);
    await expectChinese(app, 'Settings');

    // Today, with the form open, the flare section expanded and the optional details shown.
    await app.navLink('today').click();
    await app.today.heading.waitFor();
    await app.form.flare(true).check();
    await app.form.whereGroup.waitFor();
    await app.form.openMoreDetails();
    await expectChinese(app, 'Today (form, flare Yes, more details)');

    await app.navLink('diary').click();
    await app.diary.heading.waitFor();
    await expectChinese(app, 'Diary (empty)');

    // A Day screen, reached from the Diary's date field: empty, then logged.
    const today = localDate(0);
    await app.diary.otherDate.fill(today);
    await app.diary.openButton.click();
    const day = app.day(today);
    await (await day.heading()).waitFor();
    await app.form.flare(true).check();
    await app.form.region('axilla-left').check();
    await expectChinese(app, 'Day (new entry)');
    await app.form.fill(5, 1);
    await app.form.save.click();
    await app.diary.heading.waitFor();
    await (await app.diary.entry(today)).waitFor();
    await expectChinese(app, 'Diary (with an entry)');

    await (await app.diary.entry(today)).click();
    await day.deleteButton.waitFor();
    await expectChinese(app, 'Day (saved entry)');
    await day.deleteButton.click();
    await day.dialog.waitFor();
    await expectChinese(app, 'Day (delete dialog)');
    await day.cancelDelete.click();

    await app.navLink('today').click();
    await app.today.savedHeading.waitFor();
    await expectChinese(app, 'Today (logged)');

    await expect(
      page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
      'the language switched without a reload',
    ).resolves.toBe(true);

    // Remembered across a reload.
    await app.reload();
    await app.today.heading.waitFor();
    await app.navLink('today').waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await expectChinese(app, 'Today (after reload)');

    // And back to English.
    await app.chooseLanguage('en');
    await app.navLink('today').waitFor();
    await app.settings.heading.waitFor();
    await expect(page.evaluate(() => [document.documentElement.lang, document.title])).resolves.toEqual([
      'en',
      MESSAGES.en.app.name,
    ]);
    await app.navLink('today').click();
    await app.today.savedHeading.waitFor();
    expect(await latinWords(page)).toEqual(expect.arrayContaining(['Today', 'logged']));
  });

  test('a browser set to Chinese starts in Chinese', async () => {
    const { page } = await e2e.open('#/', { locale: 'zh-CN' });
    const app = new HsDiary(page, e2e.url, 'zh-CN');
    await app.today.heading.waitFor();
    await app.navLink('today').waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await expectChinese(app, 'Today (first start)');
  });

  test('a browser set to English starts in English', async () => {
    const { page } = await e2e.open('#/', { locale: 'en-US' });
    const app = new HsDiary(page, e2e.url, 'en');
    await app.today.heading.waitFor();
    await app.navLink('today').waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(app.form.save.isVisible()).resolves.toBe(true);
  });
});
