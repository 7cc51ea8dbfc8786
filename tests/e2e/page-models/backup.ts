/**
 * Page model of backups: the Backup, Import and spreadsheet cards in Settings, the import preview, the
 * first-run offer and the storage warnings on Today. Found by role and accessible name, with the names
 * taken from the app's own messages, so the tests follow the copy in both languages.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ACTION_TIMEOUT_MS } from '../support';
import type { HsDiary, Messages } from './hs-diary';

export type BackupMessages = Messages['backup'];

export interface SavedFile {
  name: string;
  text: string;
}

/** Read what a download saved. */
export async function savedFile(download: Download): Promise<SavedFile> {
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

export class BackupSettings {
  constructor(private readonly app: HsDiary) {}

  private get page(): Page {
    return this.app.page;
  }

  get t(): BackupMessages {
    return this.app.t.backup;
  }

  async open(): Promise<void> {
    await this.app.goto('#/settings');
    await this.backupCard.waitFor();
  }

  get backupCard(): Locator {
    return this.page.getByRole('region', { name: this.t.title, exact: true });
  }

  get importCard(): Locator {
    return this.page.getByRole('region', { name: this.t.importTitle, exact: true });
  }

  get csvCard(): Locator {
    return this.page.getByRole('region', { name: this.t.csvTitle, exact: true });
  }

  /** "Last backup: never." or "Last backup: today (26 November 2026)." */
  get lastBackup(): Locator {
    const prefix = this.t.lastBackupNever.split(/[:：]/)[0] ?? '';
    return this.backupCard.getByText(new RegExp(`^${prefix}`));
  }

  get backUpNowButton(): Locator {
    return this.backupCard.getByRole('button', { name: this.t.backUpNow, exact: true });
  }

  get protect(): Locator {
    return this.backupCard.getByRole('checkbox', { name: this.t.protect, exact: true });
  }

  /** Make a backup (with a passphrase when given) and wait for its download. */
  async backUp(passphrase?: string): Promise<SavedFile> {
    if (passphrase !== undefined) {
      await this.protect.check();
      await this.backupCard.getByLabel(this.t.passphrase, { exact: true }).fill(passphrase);
      await this.backupCard.getByLabel(this.t.passphraseAgain, { exact: true }).fill(passphrase);
    }
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.backUpNowButton.click()]);
    return savedFile(download);
  }

  /** Choose a file in the Import card, through the browser's file chooser as a patient would. */
  async chooseFile(file: SavedFile): Promise<void> {
    const button = this.importCard.getByRole('button', {
      name: new RegExp(`^(${this.t.chooseFile}|${this.t.chooseAnother})$`),
    });
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), button.click()]);
    await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  }

  get preview(): ImportPreviewModel {
    return new ImportPreviewModel(this.app, this.importCard);
  }

  async downloadCsv(which: 'days' | 'events'): Promise<SavedFile> {
    const name = which === 'days' ? this.t.csvDays : this.t.csvEvents;
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.csvCard.getByRole('button', { name, exact: true }).click(),
    ]);
    return savedFile(download);
  }
}

export class ImportPreviewModel {
  constructor(
    private readonly app: HsDiary,
    private readonly root: Locator,
  ) {}

  get t(): BackupMessages {
    return this.app.t.backup;
  }

  get table(): Locator {
    return this.root.getByRole('table', { name: this.t.preview.caption, exact: true });
  }

  /** New, different and already-here counts of one table, as shown. */
  async counts(table: keyof BackupMessages['tableTitles']): Promise<number[]> {
    const row = this.table.getByRole('row').filter({
      has: this.app.page.getByRole('rowheader', { name: this.t.tableTitles[table], exact: true }),
    });
    const cells = await row.getByRole('cell').allInnerTexts();
    return cells.map((cell) => Number(cell.replace(/[^\d]/g, '')));
  }

  get merge(): Locator {
    return this.root.getByRole('radio', { name: new RegExp(`^${this.t.preview.merge}`) });
  }

  get replace(): Locator {
    return this.root.getByRole('radio', { name: new RegExp(`^${this.t.preview.replace}`) });
  }

  get backupWins(): Locator {
    return this.root.getByRole('radio', { name: new RegExp(`^${this.t.preview.backupWins}`) });
  }

  /** The sentences saying which way the entries that differ go. */
  get directions(): Locator {
    return this.root.getByTestId('import-directions');
  }

  get importButton(): Locator {
    return this.root.getByRole('button', { name: this.t.preview.import, exact: true });
  }

  get passphrase(): Locator {
    return this.root.getByLabel(this.t.unlockPassphrase, { exact: true });
  }

  get unlockButton(): Locator {
    return this.root.getByRole('button', { name: this.t.unlock, exact: true });
  }

  async unlock(passphrase: string): Promise<void> {
    await this.passphrase.fill(passphrase);
    await this.unlockButton.click();
  }

  get alert(): Locator {
    return this.root.getByRole('alert');
  }

  get doneButton(): Locator {
    return this.root.getByRole('button', { name: this.t.doneButton, exact: true });
  }

  get nothingToImport(): Locator {
    return this.root.getByText(this.t.preview.nothing, { exact: true });
  }

  get confirmDialog(): Locator {
    return this.app.page.getByRole('dialog', { name: this.t.preview.confirmTitle, exact: true });
  }
}

/** The first-run offer and the warnings at the top of Today. */
/**
 * Runs in the page: whether the banners' code (the FirstRunImport chunk) has arrived. Read through a
 * PerformanceObserver rather than `performance.getEntriesByType`: a page with a Playwright clock installed
 * has a fake `performance` that lists no entries. A buffered observer is told at once of the resources
 * loaded so far (there is always at least the entry script).
 */
function hasLoadedBanners(): Promise<boolean> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      observer.disconnect();
      resolve(list.getEntries().some((entry) => entry.name.includes('/FirstRunImport-')));
    });
    observer.observe({ type: 'resource', buffered: true });
  });
}

export class TodayBanners {
  constructor(private readonly app: HsDiary) {}

  get t(): BackupMessages {
    return this.app.t.backup;
  }

  get firstRun(): Locator {
    return this.app.page.getByRole('region', { name: this.t.firstRun.title, exact: true });
  }

  async importFromFirstRun(file: SavedFile): Promise<ImportPreviewModel> {
    const [chooser] = await Promise.all([
      this.app.page.waitForEvent('filechooser'),
      this.firstRun.getByRole('button', { name: this.t.firstRun.import, exact: true }).click(),
    ]);
    await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    return new ImportPreviewModel(this.app, this.firstRun);
  }

  get risk(): Locator {
    return this.app.page.getByRole('region', { name: this.t.risk.title, exact: true });
  }

  /**
   * Absence of a banner, proven rather than assumed: the banners load after the first screen, so first wait
   * for their code to arrive, then check the banner stays away for a second while its data is read.
   */
  async expectAbsent(banner: Locator): Promise<void> {
    await expect.poll(() => this.app.page.evaluate(hasLoadedBanners), { timeout: ACTION_TIMEOUT_MS }).toBe(true);
    for (let check = 0; check < 10; check += 1) {
      expect(await banner.count(), 'a banner that should not be there').toBe(0);
      await this.app.page.waitForTimeout(100);
    }
  }

  get reminder(): Locator {
    return this.app.page.getByRole('region', { name: this.t.reminder.title, exact: true });
  }

  /** A database problem (newer build, another tab upgrading, storage refused), shown as an alert. */
  databaseAlert(title: string): Locator {
    return this.app.page.getByRole('alert').filter({ hasText: title });
  }
}
