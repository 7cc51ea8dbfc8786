/**
 * Backups in a real browser: a backup downloaded in one browser and imported into a fresh one (with the
 * preview's numbers), the same with a passphrase, a wrong passphrase, damaged files that change nothing,
 * CSV for spreadsheets, the first-run offer on Today, the backup reminder, and axe on all of it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './axe';
import { BackupSettings, TodayBanners, type SavedFile } from './page-models/backup';
import { HsDiary, type Lang } from './page-models/hs-diary';
import { localDate, readStoredDays, readStoredRows, useE2E, writeStoredRows } from './support';

const e2e = useE2E();

async function openApp(hash = '#/', lang: Lang = 'en', colorScheme: 'light' | 'dark' = 'light'): Promise<HsDiary> {
  const { page } = await e2e.open(hash, { locale: lang, colorScheme });
  return new HsDiary(page, e2e.url, lang);
}

const MEDICATION = { id: 'e2e-med-1', name: 'Adalimumab', drugClass: 'tnf', color: '#2ca02c' };

/** Put rows straight into the app's database (for what has no screen yet, such as clinic visits). */
async function seedRows(page: Page, rows: Record<string, unknown[]>): Promise<void> {
  await writeStoredRows(page, rows as Record<string, object[]>);
}

async function countRows(page: Page, table: string): Promise<number> {
  return (await readStoredRows(page, table)).length;
}

/** A diary of three logged days, a medication with its start, and a clinic visit; then its backup. */
async function diaryWithBackup(passphrase?: string): Promise<{ app: HsDiary; file: SavedFile }> {
  const app = await openApp();
  await app.day(localDate(-3)).log(6, 2);
  await app.day(localDate(-2)).log(4, 1);
  await app.day(localDate(-1)).log(3, 0);
  await seedRows(app.page, {
    medications: [MEDICATION],
    regimenEvents: [
      {
        id: 'e2e-event-1',
        medicationId: MEDICATION.id,
        date: localDate(-30),
        kind: 'start',
        dose: { amount: 40, unit: 'mg' },
        frequency: 'weekly',
      },
    ],
    visits: [{ id: 'e2e-visit-1', date: localDate(-10), hurley: 'II', notes: 'Doing better', questions: '' }],
  });
  const settings = new BackupSettings(app);
  await settings.open();
  await expect.poll(() => settings.lastBackup.innerText()).toBe(app.t.backup.lastBackupNever);
  const file = await settings.backUp(passphrase);
  return { app, file };
}

describe('backup and import', () => {
  test('a backup downloaded here imports into a fresh browser: the preview counts, then the diary is there', async () => {
    const { app, file } = await diaryWithBackup();
    expect(file.name).toBe(`hs-diary-backup-${localDate(0)}.json`);
    const json = JSON.parse(file.text) as {
      format: string;
      formatVersion: number;
      appVersion: string;
      tables: Record<string, unknown[]>;
    };
    expect(json).toMatchObject({ format: 'hs-diary-backup', formatVersion: 1, appVersion: expect.any(String) });
    expect(Object.keys(json.tables).sort()).toEqual([
      'days',
      'doseLogs',
      'medications',
      'meta',
      'regimenEvents',
      'reminders',
      'visits',
    ]);
    const settings = new BackupSettings(app);
    await expect.poll(() => settings.lastBackup.innerText()).toMatch(/^Last backup: today \(/);

    const fresh = await openApp('#/settings');
    const freshSettings = new BackupSettings(fresh);
    await freshSettings.chooseFile(file);
    const preview = freshSettings.preview;
    await preview.table.waitFor();
    await expect(preview.counts('days')).resolves.toEqual([3, 0, 0]);
    await expect(preview.counts('medications')).resolves.toEqual([1, 0, 0]);
    await expect(preview.counts('regimenEvents')).resolves.toEqual([1, 0, 0]);
    await expect(preview.counts('visits')).resolves.toEqual([1, 0, 0]);
    await expect(preview.merge.isChecked()).resolves.toBe(true);
    await preview.importButton.click();
    await preview.doneButton.waitFor();
    expect((await readStoredDays(fresh.page)).map(({ date, pain }) => [date, pain])).toEqual(
      (await readStoredDays(app.page)).map(({ date, pain }) => [date, pain]),
    );
    await expect(countRows(fresh.page, 'visits')).resolves.toBe(1);
    await preview.doneButton.click();

    // The diary shows it: yesterday's entry is offered to copy on Today.
    await fresh.navLink('today').click();
    await fresh.today.sameAsYesterday.waitFor();

    // Importing the same file again adds nothing.
    await freshSettings.open();
    await freshSettings.chooseFile(file);
    await freshSettings.preview.nothingToImport.waitFor();
    await expect(freshSettings.preview.counts('days')).resolves.toEqual([0, 0, 3]);
    expect(await readStoredDays(fresh.page)).toHaveLength(3);
  });

  test('at 320 px with 32 px text the preview does not widen the page: its counts table scrolls in its own box', async () => {
    const { file } = await diaryWithBackup();
    const { context, page } = await e2e.open('#/settings', { viewport: { width: 320, height: 844 } });
    const devtools = await context.newCDPSession(page);
    await devtools.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    const settings = new BackupSettings(new HsDiary(page, e2e.url));
    await settings.chooseFile(file);
    await settings.preview.table.waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  test('an encrypted backup needs its passphrase: a wrong one is refused in words, the right one imports', async () => {
    const { file } = await diaryWithBackup('correct horse battery');
    // Named apart from a plain backup, so the patient can tell which file needs the passphrase.
    expect(file.name).toBe(`hs-diary-backup-${localDate(0)}-encrypted.json`);
    const envelope = JSON.parse(file.text) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      format: 'hs-diary-backup-encrypted',
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
      cipher: { name: 'AES-GCM' },
    });
    expect(file.text).not.toContain('Adalimumab');

    const fresh = await openApp('#/settings');
    const settings = new BackupSettings(fresh);
    await settings.chooseFile(file);
    await settings.preview.unlock('wrong horse');
    await settings.preview.alert.waitFor();
    await expect.poll(() => settings.preview.alert.innerText()).toBe(fresh.t.backup.problems.wrongPassphrase);
    expect(await readStoredDays(fresh.page)).toEqual([]);
    await settings.preview.unlock('correct horse battery');
    await settings.preview.table.waitFor();
    await expect(settings.preview.counts('days')).resolves.toEqual([3, 0, 0]);
    await settings.preview.importButton.click();
    await settings.preview.doneButton.waitFor();
    expect(await readStoredDays(fresh.page)).toHaveLength(3);
  });

  test('a damaged file, or one bad row, is explained and nothing is written', async () => {
    const { file } = await diaryWithBackup();
    const fresh = await openApp('#/settings');
    await fresh.day(localDate(-5)).log(5, 1);
    const settings = new BackupSettings(fresh);
    await settings.open();
    const before = await readStoredDays(fresh.page);

    await settings.chooseFile({ name: file.name, text: file.text.slice(0, Math.floor(file.text.length / 2)) });
    await settings.preview.alert.waitFor();
    await expect.poll(() => settings.preview.alert.innerText()).toBe(fresh.t.backup.problems.damaged);

    const json = JSON.parse(file.text) as { tables: { days: { pain: number }[] } };
    (json.tables.days[1] as { pain: number }).pain = 11;
    await settings.chooseFile({ name: file.name, text: JSON.stringify(json) });
    await expect
      .poll(() => settings.preview.alert.innerText())
      .toBe('Row 2 of the diary days: pain must be 10 or less. Nothing was imported.');

    await settings.chooseFile({ name: 'notes.json', text: '{"hello": "world"}' });
    await expect.poll(() => settings.preview.alert.innerText()).toBe(fresh.t.backup.problems.notBackup);
    expect(await readStoredDays(fresh.page)).toEqual(before);
  });

  test('a merge keeps what was saved later on this device; the backup wins only when chosen', async () => {
    const { app, file } = await diaryWithBackup();
    // After the backup, two days are edited on this device: their versions here are newer.
    for (const [offset, pain] of [
      [-2, 8],
      [-1, 9],
    ] as const) {
      const day = app.day(localDate(offset));
      await day.open();
      await (await day.heading()).waitFor();
      await app.form.pain(pain).click();
      await app.form.saveChanges.click();
      await app.page.waitForURL((url) => !url.hash.startsWith('#/day/'));
    }
    // And one day of the backup was edited after this device's version (on another phone, say).
    const json = JSON.parse(file.text) as { tables: { days: { date: string; pain: number; updatedAt: number }[] } };
    const elsewhere = json.tables.days.find((day) => day.date === localDate(-3));
    if (!elsewhere) throw new Error('no day in the backup');
    Object.assign(elsewhere, { pain: 1, updatedAt: Date.now() });
    const older = { name: file.name, text: JSON.stringify(json) };

    const settings = new BackupSettings(app);
    await settings.open();
    await settings.chooseFile(older);
    const preview = settings.preview;
    await preview.table.waitFor();
    await expect(preview.counts('days')).resolves.toEqual([0, 3, 0]);
    await expect
      .poll(() => preview.directions.innerText())
      .toBe(
        `${app.t.backup.preview.newerInBackup('1 diary day', 1)} ${app.t.backup.preview.newerHere('2 diary days', 2)}`,
      );
    await preview.importButton.click();
    await preview.doneButton.waitFor();
    const pains = async () => (await readStoredDays(app.page)).map(({ date, pain }) => [date, pain]);
    expect(await pains()).toEqual([
      [localDate(-3), 1],
      [localDate(-2), 8],
      [localDate(-1), 9],
    ]);
    await preview.doneButton.click();

    await settings.chooseFile(older);
    await preview.backupWins.check();
    await preview.importButton.click();
    await preview.doneButton.waitFor();
    expect(await pains()).toEqual([
      [localDate(-3), 1],
      [localDate(-2), 4],
      [localDate(-1), 3],
    ]);
  });

  test('replacing the diary asks once more, then leaves exactly the backup', async () => {
    const { file } = await diaryWithBackup();
    const fresh = await openApp('#/settings');
    await fresh.day(localDate(-20)).log(9, 3);
    const settings = new BackupSettings(fresh);
    await settings.open();
    await settings.chooseFile(file);
    await settings.preview.replace.check();
    await settings.preview.importButton.click();
    await settings.preview.confirmDialog.waitFor();
    expect(await readStoredDays(fresh.page)).toHaveLength(1);
    await settings.preview.confirmDialog
      .getByRole('button', { name: fresh.t.backup.preview.confirm, exact: true })
      .click();
    await settings.preview.doneButton.waitFor();
    expect((await readStoredDays(fresh.page)).map((day) => day.date)).toEqual([
      localDate(-3),
      localDate(-2),
      localDate(-1),
    ]);
  });

  test('CSV for spreadsheets: English columns, and a note that looks like a formula stays text', async () => {
    const app = await openApp();
    const day = app.day(localDate(-1));
    await day.open();
    await (await day.heading()).waitFor();
    await app.form.fill(4, 1);
    await app.form.openMoreDetails();
    await app.form.note.fill('=HYPERLINK("http://example.com","click")');
    await app.form.save.click();
    await app.page.waitForURL((url) => !url.hash.startsWith('#/day/'));
    const settings = new BackupSettings(app);
    await settings.open();
    const csv = await settings.downloadCsv('days');
    expect(csv.name).toBe(`hs-diary-days-${localDate(0)}.csv`);
    const [header, row] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      'date,pain,drainage,dressing_changes,itch,odor,sleep_disturbed,flare,regions,regions_label,nodules,abscesses,draining_tunnels,interventions,note,updated_at',
    );
    expect(row).toContain(`${localDate(-1)},4,1,0,`);
    expect(row).toContain('"\'=HYPERLINK(""http://example.com"",""click"")"');
    const events = await settings.downloadCsv('events');
    expect(events.name).toBe(`hs-diary-medication-events-${localDate(0)}.csv`);
  });
});

describe('on Today', () => {
  test('a first start offers to import a backup, and the diary is there at once', async () => {
    const { file } = await diaryWithBackup();
    const fresh = await openApp('#/');
    const banners = new TodayBanners(fresh);
    await banners.firstRun.waitFor();
    const preview = await banners.importFromFirstRun(file);
    await preview.importButton.click();
    await preview.doneButton.click();
    await fresh.today.sameAsYesterday.waitFor();
    await expect.poll(() => banners.firstRun.count()).toBe(0);
    expect(await readStoredDays(fresh.page)).toHaveLength(3);
  });

  test('"No thanks" is remembered across a reload', async () => {
    const app = await openApp('#/');
    const banners = new TodayBanners(app);
    await banners.firstRun.getByRole('button', { name: app.t.backup.firstRun.noThanks, exact: true }).click();
    await banners.firstRun.waitFor({ state: 'detached' });
    await app.reload();
    await app.form.save.waitFor();
    await banners.expectAbsent(banners.firstRun);
  });

  test('reminds to back up when the last backup is over 30 days old, backs up in one tap, then goes quiet', async () => {
    const app = await openApp('#/');
    await app.form.save.waitFor();
    await seedRows(app.page, { meta: [{ key: 'settings', value: { lastBackupAt: Date.now() - 40 * 86_400_000 } }] });
    // A week of days: a backup is asked for once there is that much to keep.
    for (let daysAgo = 7; daysAgo >= 1; daysAgo -= 1) await app.day(localDate(-daysAgo)).log(5, 1);
    await app.goto('#/');
    const banners = new TodayBanners(app);
    const nudge = banners.reminder.or(banners.risk);
    await nudge.waitFor();
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      nudge.getByRole('button', { name: app.t.backup.risk.backUpNow, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`hs-diary-backup-${localDate(0)}.json`);
    await nudge.waitFor({ state: 'detached' });
  });
});

describe('accessibility', () => {
  test.each(['en', 'zh-CN'] as const)(
    'axe finds nothing on Settings and the import preview (%s), light and dark',
    async (lang) => {
      const { file } = await diaryWithBackup();
      const app = await openApp('#/settings', lang);
      await app.day(localDate(-2)).log(7, 2);
      const settings = new BackupSettings(app);
      await settings.open();
      await settings.protect.check();
      const found = await axeViolations(app.page, 'Settings with the backup section');
      await settings.chooseFile(file);
      await settings.preview.table.waitFor();
      await settings.preview.replace.check();
      found.push(...(await axeViolations(app.page, 'Import preview')));
      await settings.preview.importButton.click();
      await settings.preview.confirmDialog.waitFor();
      found.push(...(await axeViolations(app.page, 'Replace confirmation')));
      await app.goto('#/');
      await app.form.save.waitFor();
      found.push(...(await axeViolations(app.page, 'Today')));
      expect(found).toEqual([]);
    },
    120_000,
  );
});
