/** Today's first-run offer to import a backup: "No thanks" is remembered, an import shows at once. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFactory } from '../../../../tests/factories/backup-factory';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { diaryDb, loadSettings } from '../../db';
import { serializeBackup } from '../../domain/backup-format';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { clock } from '../../state/clock.svelte';
import TodayScreen from './TodayScreen.svelte';

vi.setConfig({ testTimeout: 20_000 });

const t = en.backup.firstRun;

beforeEach(async () => {
  await i18n.use('en');
  clock.today = '2026-11-26';
  await Promise.all(diaryDb.tables.map((table) => table.clear()));
});

describe('FirstRunImport', () => {
  it('offers an import on a first run, and "No thanks" is remembered', async () => {
    render(TodayScreen);
    const card = await screen.findByRole('region', { name: t.title });
    await userEvent.setup().click(within(card).getByRole('button', { name: t.noThanks }));
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: t.title })).not.toBeInTheDocument(), {
      timeout: 5000,
    });
    expect(await loadSettings(diaryDb)).toMatchObject({ firstRunImportDismissed: true });
  });

  it('imports a backup from Today, and the diary shows it at once', async () => {
    render(TodayScreen);
    const card = await screen.findByRole('region', { name: t.title });
    const backup = backupFactory.build(
      { days: [dayFactory.build({ date: '2026-11-25', pain: 6 })] },
      { exportedAt: Date.UTC(2026, 10, 25, 20) },
    );
    const input = card.querySelector<HTMLInputElement>('input[type=file]');
    expect(input).not.toBeNull();
    void fireEvent.change(input as HTMLInputElement, {
      target: { files: [new File([serializeBackup(backup)], 'hs-diary-backup-2026-11-25.json')] },
    });
    const user = userEvent.setup();
    await user.click(await within(card).findByRole('button', { name: en.backup.preview.import }));
    expect(within(card).queryByRole('radio', { name: new RegExp(en.backup.preview.replace) })).not.toBeInTheDocument();
    await user.click(await within(card).findByRole('button', { name: en.backup.doneButton }));
    expect(await screen.findByRole('button', { name: en.today.sameAsYesterday })).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: t.title })).not.toBeInTheDocument(), {
      timeout: 5000,
    });
  });

  it('is not offered once the diary has entries', async () => {
    await diaryDb.days.put(dayFactory.build({ date: '2026-11-25' }));
    render(TodayScreen);
    await screen.findByRole('button', { name: en.today.sameAsYesterday });
    expect(screen.queryByRole('region', { name: t.title })).not.toBeInTheDocument();
  });
});
