/**
 * Several tabs of HS Diary at once (pages of one browser context share the database): an entry saved in
 * one shows in the other without a reload; another tab upgrading the database makes this one step aside
 * (at once, or after the patient saves what they are typing) and reload; and this build's own upgrade,
 * blocked by an old tab, asks to close the other tabs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { TodayBanners } from './page-models/backup';
import { HsDiary } from './page-models/hs-diary';
import { VisitsScreen } from './page-models/summary';
import { gotoApp, localDate, readStoredDays, readStoredRows, useE2E } from './support';

const e2e = useE2E();

declare global {
  interface Window {
    __otherTab?: { db?: IDBDatabase; wasBlocked: boolean; isOpen: boolean; error?: string };
  }
}

/**
 * In `page` (same origin, not the app), open the app's database at a raw IndexedDB `version` the way
 * another tab's build would, creating nothing in its upgrade. Resolves at once; poll `__otherTab`.
 */
async function openAsOtherTab(page: Page, version: number): Promise<void> {
  await page.evaluate((wanted) => {
    const state: NonNullable<Window['__otherTab']> = { wasBlocked: false, isOpen: false };
    window.__otherTab = state;
    const request = indexedDB.open('hs-diary', wanted);
    request.onblocked = () => (state.wasBlocked = true);
    request.onsuccess = () => {
      state.db = request.result;
      state.isOpen = true;
    };
    request.onerror = () => (state.error = String(request.error));
  }, version);
}

async function otherTab(page: Page): Promise<{ wasBlocked: boolean; isOpen: boolean; error?: string | undefined }> {
  return page.evaluate(() => {
    const state = window.__otherTab;
    return { wasBlocked: state?.wasBlocked ?? false, isOpen: state?.isOpen ?? false, error: state?.error };
  });
}

/**
 * Wait until the drafts table holds a `form` draft whose values pass `has` (`has` null: no `form` draft at
 * all), read with raw IndexedDB: a draft is written once typing pauses, after Dexie has loaded, which a busy
 * machine can take longer to do than a fixed wait allowed.
 */
async function waitForStoredDraft(
  page: Page,
  form: string,
  has: ((values: Record<string, unknown>) => boolean) | null,
): Promise<void> {
  await expect
    .poll(async () => {
      const drafts = await readStoredRows<{ form: string; values: Record<string, unknown> }>(page, 'drafts');
      const ofForm = drafts.filter((row) => row.form === form);
      return has === null ? ofForm.length === 0 : ofForm.some((row) => has(row.values));
    })
    .toBe(true);
}

describe('tabs', () => {
  test('an entry saved in one tab shows in the other without a reload', async () => {
    const { context, page } = await e2e.open('#/');
    const first = new HsDiary(page, e2e.url);
    const secondPage = await context.newPage();
    await gotoApp(secondPage, e2e.url);
    const second = new HsDiary(secondPage, e2e.url);
    await second.form.save.waitFor();
    await secondPage.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await first.form.fill(7, 2);
    await first.form.save.click();
    await first.today.savedHeading.waitFor();

    await second.today.savedHeading.waitFor();
    expect(await second.today.savedPain()).toBe(7);
    await expect(
      secondPage.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).resolves.toBe(true);
  });

  test('another tab upgrading the database: this tab closes at once and reloads, and the upgrade is not blocked', async () => {
    const { context, page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.day(localDate(-1)).log(3, 1);
    await app.goto('#/');
    await app.today.sameAsYesterday.waitFor();

    const upgrader = await context.newPage();
    await upgrader.goto(`${e2e.url}robots.txt`);
    const reloaded = page.waitForEvent('load');
    await openAsOtherTab(upgrader, 30);
    await expect.poll(() => otherTab(upgrader)).toEqual({ wasBlocked: false, isOpen: true, error: undefined });
    await reloaded;

    // Reloaded into a build older than the database: it says so, reads, and writes nothing.
    const alert = new TodayBanners(app).databaseAlert(app.t.backup.database.newerTitle);
    await alert.waitFor();
    await app.today.sameAsYesterday.waitFor();
    await upgrader.evaluate(() => window.__otherTab?.db?.close());
  });

  test('another tab upgrading while the patient types: the entry is saved first, then this tab reloads', async () => {
    const { context, page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.fill(6, 1);

    const upgrader = await context.newPage();
    await upgrader.goto(`${e2e.url}robots.txt`);
    await openAsOtherTab(upgrader, 30);
    const banners = new TodayBanners(app);
    const alert = banners.databaseAlert(app.t.backup.database.updatingTitle);
    await alert.waitFor();
    await expect.poll(() => alert.innerText()).toContain(app.t.backup.database.updating);
    await expect.poll(() => otherTab(upgrader)).toMatchObject({ wasBlocked: true, isOpen: false });
    await expect(app.form.pain(6).isChecked()).resolves.toBe(true);

    const reloaded = page.waitForEvent('load');
    await app.form.save.click();
    await reloaded;
    await expect.poll(() => otherTab(upgrader)).toMatchObject({ isOpen: true });
    const saved = await upgrader.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const request = window.__otherTab?.db?.transaction('days').objectStore('days').getAll();
          if (!request) return resolve(null);
          request.onsuccess = () => resolve(request.result);
        }),
    );
    expect(saved).toMatchObject([{ date: localDate(0), pain: 6, drainage: 1 }]);
    await upgrader.evaluate(() => window.__otherTab?.db?.close());
  });

  test('this build’s upgrade blocked by an old tab: "close other tabs", then the diary opens once it is closed', async () => {
    const context = await e2e.newContext();
    const oldTab = await context.newPage();
    await oldTab.goto(`${e2e.url}robots.txt`);
    // An old tab holding the database at an older version, never closing for an upgrade.
    await openAsOtherTab(oldTab, 1);
    await expect.poll(() => otherTab(oldTab)).toMatchObject({ isOpen: true });

    const page = await context.newPage();
    const app = new HsDiary(page, e2e.url);
    await gotoApp(page, e2e.url);
    const alert = new TodayBanners(app).databaseAlert(app.t.backup.database.blockedTitle);
    await alert.waitFor();

    await oldTab.evaluate(() => window.__otherTab?.db?.close());
    await alert.waitFor({ state: 'detached' });
    await app.form.save.waitFor();
    await app.form.fill(2, 0);
    await app.form.save.click();
    await app.today.savedHeading.waitFor();
    expect(await readStoredDays(page)).toHaveLength(1);
  });

  test('the database deleted from another tab while editing: this tab says so, keeps what was typed, and writes nothing', async () => {
    const { context, page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.fill(5, 1);
    await app.form.save.click();
    await app.today.savedHeading.waitFor();
    await app.today.edit.click();
    await app.form.pain(9).check();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const other = await context.newPage();
    await other.goto(`${e2e.url}robots.txt`);
    const deletion = await other.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.deleteDatabase('hs-diary');
          request.onblocked = () => resolve('blocked');
          request.onsuccess = () => resolve('deleted');
          request.onerror = () => resolve(String(request.error));
        }),
    );
    expect(deletion).toBe('deleted');

    const banners = new TodayBanners(app);
    const alert = banners.databaseAlert(app.t.backup.database.deletedTitle);
    await alert.waitFor();
    await expect.poll(() => alert.innerText()).toContain(app.t.backup.database.deleted);
    await expect(app.form.pain(9).isChecked()).resolves.toBe(true);
    await app.form.saveChanges.click();
    await page.getByText(app.t.form.storage.databaseDeleted, { exact: true }).waitFor();
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(
      true,
    );
    // Nothing recreated the database behind the patient's back.
    await expect(other.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).resolves.toEqual([]);
  });

  /** Two tabs of the app on Today (pages of one context share the database). */
  async function twoTabs(): Promise<{ first: HsDiary; second: HsDiary }> {
    const { context, page } = await e2e.open('#/');
    const first = new HsDiary(page, e2e.url);
    const secondPage = await context.newPage();
    await gotoApp(secondPage, e2e.url);
    const second = new HsDiary(secondPage, e2e.url);
    await second.form.save.waitFor();
    return { first, second };
  }

  const changedNotice = (app: HsDiary) =>
    app.page.getByRole('alert').filter({ hasText: app.t.form.changedElsewhere.title });

  test('another tab saving the same day keeps what this one typed, says so, and saves it when asked', async () => {
    const { first, second } = await twoTabs();
    await first.form.fill(7, 2);
    await first.form.openMoreDetails();
    await first.form.note.fill('typed in the first tab');

    await second.form.fill(2, 0);
    await second.form.save.click();
    await second.today.savedHeading.waitFor();

    const notice = changedNotice(first);
    await notice.waitFor();
    await expect.poll(() => notice.innerText()).toContain(first.t.form.changedElsewhere.saved(2));
    await expect(first.form.pain(7).isChecked()).resolves.toBe(true);
    await expect(first.form.drainage(2).isChecked()).resolves.toBe(true);
    await expect(first.form.note.inputValue()).resolves.toBe('typed in the first tab');
    await expect(first.today.savedHeading.count()).resolves.toBe(0);

    await notice.getByRole('button', { name: first.t.form.changedElsewhere.keepMine, exact: true }).click();
    await first.form.saveChanges.click();
    await first.today.savedHeading.waitFor();
    expect((await readStoredDays(first.page)).map(({ pain, note }) => [pain, note])).toEqual([
      [7, 'typed in the first tab'],
    ]);
    await expect.poll(() => second.today.savedPain()).toBe(7);
  });

  test('editing while another tab saves: the edit is not replaced, and Save stores this tab’s values', async () => {
    const { first, second } = await twoTabs();
    await first.form.fill(5, 1);
    await first.form.save.click();
    await first.today.savedHeading.waitFor();
    await first.today.edit.click();
    await first.form.pain(9).check();
    await first.form.openMoreDetails();
    await first.form.note.fill('worse tonight');

    await second.today.savedHeading.waitFor();
    await second.today.edit.click();
    await second.form.pain(2).check();
    await second.form.saveChanges.click();
    await second.today.savedHeading.waitFor();

    await changedNotice(first).waitFor();
    await expect(first.form.pain(9).isChecked()).resolves.toBe(true);
    await expect(first.form.note.inputValue()).resolves.toBe('worse tonight');
    await first.form.saveChanges.click();
    await first.today.savedHeading.waitFor();
    expect((await readStoredDays(first.page)).map(({ pain, note }) => [pain, note])).toEqual([[9, 'worse tonight']]);
  });

  test('another tab saving the same day: "use the saved entry" takes it', async () => {
    const { first, second } = await twoTabs();
    await first.form.fill(7, 2);
    await second.form.fill(2, 0);
    await second.form.save.click();
    const notice = changedNotice(first);
    await notice.getByRole('button', { name: first.t.form.changedElsewhere.takeSaved, exact: true }).click();
    await first.today.savedHeading.waitFor();
    expect(await first.today.savedPain()).toBe(2);
  });

  test('what was typed and not saved survives a reload, and is gone once saved', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.form.fill(7, 2);
    await app.form.openMoreDetails();
    await app.form.note.fill('not saved yet');
    await waitForStoredDraft(page, 'day', (values) => values.note === 'not saved yet');
    await app.reload();

    const restored = page.getByRole('button', { name: app.t.form.discardRestored, exact: true });
    await restored.waitFor();
    await expect(app.form.pain(7).isChecked()).resolves.toBe(true);
    await expect(app.form.drainage(2).isChecked()).resolves.toBe(true);
    await expect(app.form.note.inputValue()).resolves.toBe('not saved yet');
    await app.form.save.click();
    await app.today.savedHeading.waitFor();
    await waitForStoredDraft(page, 'day', null);

    await app.reload();
    await app.today.savedHeading.waitFor();
    await expect(restored.count()).resolves.toBe(0);
  });

  test('a visit being recorded survives a reload, and its draft is gone once saved', async () => {
    const { page } = await e2e.open('#/visits');
    const app = new HsDiary(page, e2e.url);
    const visits = new VisitsScreen(app);
    await visits.heading.waitFor();
    const questions = () => page.getByRole('textbox', { name: visits.t.form.questions, exact: true });
    await page.getByRole('button', { name: visits.t.add, exact: true }).click();
    await questions().fill('Is surgery an option?');
    await waitForStoredDraft(page, 'visit', (values) => values.questions === 'Is surgery an option?');
    await app.reload();

    await visits.heading.waitFor();
    await page.getByRole('button', { name: visits.t.add, exact: true }).click();
    await expect.poll(() => questions().inputValue()).toBe('Is surgery an option?');
    await page.getByRole('button', { name: visits.t.form.save, exact: true }).click();
    await page.getByText('Is surgery an option?').waitFor();
    await waitForStoredDraft(page, 'visit', null);

    await app.reload();
    await visits.heading.waitFor();
    await page.getByRole('button', { name: visits.t.add, exact: true }).click();
    await questions().waitFor();
    await expect(questions().inputValue()).resolves.toBe('');
  });

  test('a new medication being typed survives a reload, and its draft is gone once saved', async () => {
    const { page } = await e2e.open('#/medications');
    const app = new HsDiary(page, e2e.url);
    const t = app.t.medications;
    const add = page.getByRole('button', { name: t.add, exact: true });
    const name = () => page.getByRole('textbox', { name: t.name, exact: true });
    const choice = () => page.getByRole('combobox', { name: t.choose, exact: true });
    await add.click();
    await choice().selectOption('custom');
    await name().fill('Zinc gluconate');
    await page.getByLabel(t.amount, { exact: true }).fill('90');
    await waitForStoredDraft(
      page,
      'medication',
      (values) => values.name === 'Zinc gluconate' && String(values.amount) === '90',
    );
    await app.reload();

    await add.click();
    await expect.poll(() => name().inputValue()).toBe('Zinc gluconate');
    await expect(page.getByLabel(t.amount, { exact: true }).inputValue()).resolves.toBe('90');
    await page.getByRole('button', { name: t.save, exact: true }).click();
    await page.getByRole('article', { name: 'Zinc gluconate' }).waitFor();
    await waitForStoredDraft(page, 'medication', null);

    await app.reload();
    await add.click();
    await choice().waitFor();
    await expect(choice().inputValue()).resolves.toBe('upadacitinib');
    await expect(name().count()).resolves.toBe(0);
  });
});
