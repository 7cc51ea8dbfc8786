import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb, loadSettings } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import { storageHealth } from '../../state/storage-health.svelte';
import TodayScreen from '../today/TodayScreen.svelte';
import StorageWarning from './StorageWarning.svelte';

// Rendering Today with its database takes a few seconds when every test file runs at once.
vi.setConfig({ testTimeout: 20_000 });

const TODAY = '2026-11-26';
const NOW = Date.UTC(2026, 10, 26, 12);
const DAY_MS = 86_400_000;

function setStorage(persisted: boolean | undefined): void {
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value:
      persisted === undefined
        ? undefined
        : {
            persisted: () => Promise.resolve(persisted),
            estimate: () => Promise.resolve({ usage: 1000, quota: 10_000 }),
          },
  });
}

function setIosTab(isTab: boolean): void {
  Object.defineProperty(navigator, 'standalone', { configurable: true, value: isTab ? false : undefined });
  Object.defineProperty(navigator, 'userAgent', {
    configurable: true,
    value: isTab ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1' : 'jsdom',
  });
}

/** Six days logged long ago: with one more, the diary holds the week that makes a backup worth asking for. */
async function putSixOldDays(): Promise<void> {
  const dates = ['2026-08-01', '2026-08-02', '2026-08-03', '2026-08-04', '2026-08-05', '2026-08-06'];
  await diaryDb.days.bulkPut(dates.map((date) => dayFactory.build({ date, updatedAt: NOW - 100 * DAY_MS })));
}

const pain = (name: string) => within(screen.getByRole('group', { name: en.form.pain })).getByRole('radio', { name });
const drainage = (level: number) =>
  within(screen.getByRole('group', { name: en.form.drainage })).getByRole('radio', {
    name: en.form.drainageLevels[level],
  });

beforeEach(async () => {
  await i18n.use('en');
  clock.today = TODAY;
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
  setStorage(undefined);
  setIosTab(false);
  await Promise.all(diaryDb.tables.map((table) => table.clear()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('backup reminder on Today', () => {
  it('is quiet for a new diary and after its first day, and reminds once a week of days is saved', async () => {
    render(TodayScreen);
    await screen.findByText(en.today.intro);
    expect(screen.queryByRole('heading', { name: en.backup.reminder.title })).not.toBeInTheDocument();
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-25', updatedAt: NOW - DAY_MS }));
    await vi.waitFor(() => expect(storageHealth.backup?.loggedDays).toBe(1), { timeout: 5000 });
    expect(screen.queryByRole('heading', { name: en.backup.reminder.title })).not.toBeInTheDocument();
    await putSixOldDays();
    expect(await screen.findByRole('heading', { name: en.backup.reminder.title })).toBeInTheDocument();
    expect(screen.getByText(en.backup.reminder.never)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.backup.risk.backUpNow })).toBeInTheDocument();
  });

  it('says how long ago the last backup was, and "Not now" puts it off for 30 days', async () => {
    await diaryDb.meta.put({ key: 'settings', value: { lastBackupAt: NOW - 40 * DAY_MS } });
    await putSixOldDays();
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-25', updatedAt: NOW - DAY_MS }));
    render(TodayScreen);
    expect(await screen.findByText(en.backup.reminder.last('40 days ago'))).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: en.backup.risk.notNow }));
    await vi.waitFor(
      () => expect(screen.queryByRole('heading', { name: en.backup.reminder.title })).not.toBeInTheDocument(),
      { timeout: 5000 },
    );
    expect(await loadSettings(diaryDb)).toMatchObject({ lastBackupReminderAt: NOW });
  });

  it('stays quiet when nothing was saved since a recent backup', async () => {
    await diaryDb.meta.put({ key: 'settings', value: { lastBackupAt: NOW - 40 * DAY_MS } });
    await diaryDb.days.put(dayFactory.build({ date: '2026-10-01', updatedAt: NOW - 50 * DAY_MS }));
    render(TodayScreen);
    await screen.findByRole('heading', { name: en.today.missedTitle, level: 2 }).catch(() => undefined);
    await vi.waitFor(() => expect(storageHealth.backup).not.toBeNull(), { timeout: 5000 });
    expect(screen.queryByRole('heading', { name: en.backup.reminder.title })).not.toBeInTheDocument();
  });
});

describe('storage the browser may clear', () => {
  it('warns on Today when storage is not persisted and something is not backed up, with a one-tap backup', async () => {
    setStorage(false);
    await diaryDb.meta.put({ key: 'settings', value: { lastBackupAt: NOW - 2 * DAY_MS } });
    await putSixOldDays();
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-26', updatedAt: NOW - 1000 }));
    render(TodayScreen);
    expect(await screen.findByRole('heading', { name: en.backup.risk.title })).toBeInTheDocument();
    expect(screen.getByText(en.backup.risk.notPersisted)).toBeInTheDocument();
    const region = screen.getByRole('region', { name: en.backup.risk.title });
    expect(within(region).getByText(/^Last backup: 2 days ago/)).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: en.backup.risk.backUpNow })).toBeInTheDocument();
  });

  it('warns in Settings about a plain Safari tab on an iPhone, without a "Not now"', async () => {
    setIosTab(true);
    await diaryDb.days.put(dayFactory.build());
    render(StorageWarning); // as Settings shows it
    expect(await screen.findByText(en.backup.risk.iosTab)).toBeInTheDocument();
    const region = screen.getByRole('region', { name: en.backup.risk.title });
    expect(within(region).getByRole('button', { name: en.backup.risk.backUpNow })).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: en.backup.risk.notNow })).not.toBeInTheDocument();
  });
});

describe('the database closed under the app (unit level: fake-indexeddb cannot close it from outside)', () => {
  it('reopens and saves the day: the patient sees nothing but "saved"', async () => {
    render(TodayScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: '4' }));
    await user.click(drainage(1));
    diaryDb.close();
    await user.click(screen.getByRole('button', { name: en.form.save }));
    expect(await screen.findByRole('heading', { name: new RegExp(en.today.savedTitle) })).toBeInTheDocument();
    expect(await diaryDb.days.get(TODAY)).toMatchObject({ pain: 4 });
  });

  it('when it stays closed after one retry, says so and keeps what was typed', async () => {
    render(TodayScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: '7' }));
    await user.click(drainage(2));
    const put = vi.spyOn(diaryDb.days, 'put').mockImplementation(() => {
      throw Object.assign(new Error('closed by the browser'), { name: 'DatabaseClosedError' });
    });
    await user.click(screen.getByRole('button', { name: en.form.save }));
    expect(await screen.findByText(en.form.storage.closed)).toBeInTheDocument();
    expect(put).toHaveBeenCalledTimes(2);
    expect(pain('7')).toBeChecked();
    expect(drainage(2)).toBeChecked();
  });
});
